using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>Where a harvest starts: after a key (resuming a run) and/or at a change date (incremental).</summary>
public sealed record HarvestCursor(string? AfterKey = null, DateTimeOffset? ModifiedSince = null);

/// <summary>An input a connector could not turn into a record: where, why, and a sample of it.</summary>
public sealed record HarvestFailure(string Where, string Reason, string Sample);

/// <summary>
/// One bounded page of a harvest: its records, the inputs that failed, the key to resume after,
/// and the newest change date seen on the page (for the next incremental run).
/// </summary>
public sealed record HarvestPage(IReadOnlyList<AssetRecord> Records, IReadOnlyList<HarvestFailure> Failures, string? LastKey, DateTimeOffset? NewestChange);

/// <summary>A page could not be fetched or read at all; nothing of it is stored, nothing stored is removed.</summary>
public sealed class HarvestPageException(string message, string sample, Exception? inner = null) : Exception(message, inner)
{
    public string Sample { get; } = sample;
}

/// <summary>A source connector the harvest runner drives: pages of records, the ids the source holds now, and summaries.</summary>
public interface IHarvestConnector
{
    /// <summary>Pages in key order, from the cursor on.</summary>
    IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, CancellationToken ct);

    /// <summary>Every record id the source holds now (to find what it withdrew), or null when the source cannot list them.</summary>
    IAsyncEnumerable<string>? CurrentIdsAsync(CancellationToken ct);

    /// <summary>Records that sum up the source (one per collection), computed after the pages.</summary>
    Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct);

    /// <summary>Whether the source can say what changed since a date; otherwise every run reads everything.</summary>
    bool SupportsIncremental { get; }
}
