using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>
/// A record as a connector delivered it, with the source's native payload kept for provenance; or, with
/// <paramref name="CuratedBy"/>, as an archive team registered it (its fields win over a harvested twin's).
/// </summary>
public sealed record CatalogEntry(AssetRecord Record, string? Native = null, string? NativeType = null, string? CuratedBy = null);

/// <summary>A record as the catalogue holds it.</summary>
public sealed record StoredAsset(AssetRecord Record, string? Native, string? NativeType, DateTimeOffset UpdatedAt, DateTimeOffset? WithdrawnAt);

/// <summary>What an upsert changed: ids added or updated; the rest were identical to what was stored.</summary>
public sealed record UpsertResult(IReadOnlyList<string> Added, IReadOnlyList<string> Updated, int Unchanged)
{
    public IEnumerable<string> Changed => Added.Concat(Updated);
}

/// <summary>The catalogue: the source of truth every index is built from.</summary>
public interface ICatalogStore
{
    /// <summary>Inserts or replaces records; a record identical to the stored one changes nothing.</summary>
    Task<UpsertResult> UpsertAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken ct);

    Task<StoredAsset?> GetAsync(string id, CancellationToken ct);

    /// <summary>Hides records from search but keeps them, with the time they were withdrawn.</summary>
    Task<IReadOnlyList<string>> WithdrawAsync(IReadOnlyList<string> ids, CancellationToken ct);

    /// <summary>Removes records for good.</summary>
    Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<string> ids, CancellationToken ct);

    Task<long> CountAsync(CancellationToken ct);

    /// <summary>Every record that is not withdrawn, in the order they were first stored, read as it is consumed.</summary>
    IAsyncEnumerable<AssetRecord> AllAsync(CancellationToken ct);

    Task<string?> GetCheckpointAsync(string sourceId, string name, CancellationToken ct);

    Task SetCheckpointAsync(string sourceId, string name, string value, CancellationToken ct);

    Task RemoveCheckpointAsync(string sourceId, string name, CancellationToken ct);

    /// <summary>The ids of a source's records that are not withdrawn.</summary>
    Task<IReadOnlyList<string>> IdsOfSourceAsync(string sourceId, CancellationToken ct);

    Task RecordHarvestAsync(HarvestRun run, CancellationToken ct);

    /// <summary>Every datalab, tool and software record that says how it launches (has a tool profile).</summary>
    Task<IReadOnlyList<AssetRecord>> ToolsAsync(CancellationToken ct);

    /// <summary>The latest runs, newest first, of one source or of all.</summary>
    Task<IReadOnlyList<HarvestRun>> RecentHarvestsAsync(string? sourceId, int limit, CancellationToken ct);
}
