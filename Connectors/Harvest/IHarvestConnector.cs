using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Harvest;

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

    /// <summary>Reads what the connector must know before a run (a description document, say); called first.</summary>
    Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;
}
