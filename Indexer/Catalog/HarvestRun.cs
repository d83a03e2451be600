namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>An error a harvest met: where, why, and a sample of the input.</summary>
public sealed record HarvestError(string Where, string Reason, string Sample)
{
    /// <summary>What an unexpected failure of a run says: the refusal of an outbound request, or the message and its cause.</summary>
    public static string MessageOf(Exception e) =>
        Connectors.Http.OutboundRefusedException.In(e)?.Message ?? (e.InnerException is { } i ? $"{e.Message} ({i.Message})" : e.Message);
}

/// <summary>Who runs a harvest: the process holding the source's lease, and the lease's own token (new with every holder).</summary>
public readonly record struct HarvestHolder(string Host, int Pid, string? LeaseToken)
{
    /// <summary>This process, holding no lease (a run started without one is taken for dead by the next holder).</summary>
    public static HarvestHolder ThisProcess { get; } = new(Environment.MachineName, Environment.ProcessId, null);

    public override string ToString() => $"process {Pid} on {Host}";
}

/// <summary>
/// A harvest run as the catalogue keeps it: <c>running</c> from its start, its counts moving with every
/// committed page; then <c>completed</c>, <c>failed</c>, <c>cancelled</c>, or <c>interrupted</c> when its
/// process was found gone (the counts are what it had committed).
/// </summary>
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
    public const string Running = "running";
    public const string Interrupted = "interrupted";

    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>The rows the run has put in the catalogue so far: added, updated or found unchanged (those <see cref="Failed"/> were rejected).</summary>
    public int Stored => Added + Updated + Unchanged;

    /// <summary>The source's records in search after the run (null for runs recorded before this was kept).</summary>
    public long? Records { get; init; }

    public override string ToString() =>
        $"{SourceId}: {Status} ({Mode}) — {Pages} pages, {RowsRead} rows; added {Added}, updated {Updated}, unchanged {Unchanged}, removed {Removed}, failed {Failed} in {Duration.TotalSeconds:F1} s";
}
