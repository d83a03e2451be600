using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>Where a harvest starts: after a key (resuming a run) and/or at a change date (incremental).</summary>
public sealed record HarvestCursor(string? AfterKey = null, DateTimeOffset? ModifiedSince = null);

/// <summary>
/// An input a connector could not turn into a record: where, why, and a sample of it. When <paramref name="Kept"/>,
/// the record was stored all the same with the field named in the reason flagged, and the problem is reported
/// without counting the input as failed.
/// </summary>
public sealed record HarvestFailure(string Where, string Reason, string Sample, bool Kept = false);

/// <summary>
/// One bounded page of a harvest: its records, the inputs that failed, the key to resume after,
/// the newest change date seen on the page (for the next incremental run), and the ids the source
/// says it withdrew (a record now restricted or deleted).
/// </summary>
public sealed record HarvestPage(IReadOnlyList<AssetRecord> Records, IReadOnlyList<HarvestFailure> Failures, string? LastKey, DateTimeOffset? NewestChange, IReadOnlyList<string>? Withdrawn = null);

/// <summary>A page could not be fetched or read at all; nothing of it is stored, nothing stored is removed.</summary>
public sealed class HarvestPageException(string message, string sample, Exception? inner = null) : Exception(message, inner)
{
    public string Sample { get; } = sample;
}
