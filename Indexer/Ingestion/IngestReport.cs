using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>A rejected input: where it was, what was wrong, and a sample of it.</summary>
public sealed record IngestProblem(string Where, IReadOnlyList<RecordProblem> Problems);

/// <summary>What one ingestion run did.</summary>
public sealed class IngestReport
{
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Removed { get; set; }
    public int Failed => Problems.Count;
    public List<IngestProblem> Problems { get; } = [];
    public TimeSpan Duration { get; set; }

    /// <summary>Of file rows, the last row of the last committed batch: every row up to it is stored.</summary>
    public long StoredThroughRow { get; set; }

    public override string ToString() =>
        $"added {Added}, updated {Updated}, unchanged {Unchanged}, removed {Removed}, failed {Failed} in {Duration.TotalSeconds:F1} s";
}
