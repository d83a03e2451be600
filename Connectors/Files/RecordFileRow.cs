using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Files;

/// <summary>One row of an import file: a record, or the problems that kept it out.</summary>
public sealed record RecordFileRow(long Row, AssetRecord? Record, IReadOnlyList<RecordProblem> Problems)
{
    public bool IsValid => Record is not null && Problems.Count == 0;
}
