namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>An error a harvest met: where, why, and a sample of the input.</summary>
public sealed record HarvestError(string Where, string Reason, string Sample);

/// <summary>A finished harvest run as the catalogue keeps it.</summary>
public sealed record HarvestRun(
    string SourceId,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Mode,
    string Status,
    int Pages,
    int RowsRead,
    int Added,
    int Updated,
    int Unchanged,
    int Removed,
    int Failed,
    IReadOnlyList<HarvestError> Errors)
{
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>The source's records in search after the run (null for runs recorded before this was kept).</summary>
    public long? Records { get; init; }

    public override string ToString() =>
        $"{SourceId}: {Status} ({Mode}) — {Pages} pages, {RowsRead} rows; added {Added}, updated {Updated}, unchanged {Unchanged}, removed {Removed}, failed {Failed} in {Duration.TotalSeconds:F1} s";
}
