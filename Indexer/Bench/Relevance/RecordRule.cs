using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Bench.Relevance;

/// <summary>One condition of a rule, as written in the query file (<c>mission: HST</c>), and the test it makes of a record.</summary>
public sealed record RecordCondition(string Written, Func<AssetRecord, bool> Test);

/// <summary>A conjunction of conditions on record fields: a record meets the rule when it meets every condition.</summary>
public sealed record RecordRule(IReadOnlyList<RecordCondition> Conditions)
{
    public bool Matches(AssetRecord record) => Conditions.All(c => c.Test(record));

    public override string ToString() => string.Join(", ", Conditions.Select(c => c.Written));
}

/// <summary>
/// A judged query: its text, the kind of difficulty it stands for, and the rules that grade a record
/// 2 (highly relevant) or 1 (partially relevant). A record meeting both rules is graded 2.
/// </summary>
public sealed record JudgedQuery(string Id, string Kind, string Text, RecordRule? Highly, RecordRule? Partly)
{
    public int Grade(AssetRecord record) =>
        Highly?.Matches(record) == true ? 2 : Partly?.Matches(record) == true ? 1 : 0;
}
