using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>
/// A record as a connector delivered it, with the source's native payload kept for provenance; or, with
/// <paramref name="CuratedBy"/>, as an archive team registered it (its fields win over a harvested twin's).
/// </summary>
public sealed record CatalogEntry(AssetRecord Record, string? Native = null, string? NativeType = null, string? CuratedBy = null);

/// <summary>A record as the catalogue holds it.</summary>
public sealed record StoredAsset(AssetRecord Record, string? Native, string? NativeType, DateTimeOffset UpdatedAt, DateTimeOffset? WithdrawnAt);

/// <summary>
/// What an upsert changed: ids added or updated, the rest identical to what was stored; and the
/// numbered changes it made, in order, so the writer can hand them to the index without reading back.
/// </summary>
public sealed record UpsertResult(IReadOnlyList<string> Added, IReadOnlyList<string> Updated, int Unchanged, IReadOnlyList<CatalogChange> Changes)
{
    public IEnumerable<string> Changed => Added.Concat(Updated);
}

/// <summary>Which catalogue, and how far its numbered changes have gone.</summary>
public readonly record struct CatalogPosition(string CatalogId, long Sequence);

/// <summary>The catalogue: the source of truth every index is built from.</summary>
public interface ICatalogStore
{
    /// <summary>
    /// Begins a write that every store taking part shares (<see cref="CatalogWrite"/>): the records, their
    /// change numbers and whatever else the caller stores in it commit together when it commits.
    /// </summary>
    CatalogWrite BeginWrite();

    /// <summary>Inserts or replaces records inside the write; a record identical to the stored one changes nothing.</summary>
    Task<UpsertResult> UpsertAsync(CatalogWrite write, IReadOnlyList<CatalogEntry> entries, CancellationToken ct);

    Task<StoredAsset?> GetAsync(string id, CancellationToken ct);

    /// <summary>The asset as the write sees it (its own changes included), or as committed when there is no write.</summary>
    Task<StoredAsset?> GetAsync(CatalogWrite? write, string id, CancellationToken ct);

    /// <summary>
    /// The records, not withdrawn, with these document numbers (what a page of search hits shows: the index keeps
    /// what it searches, the catalogue the records); a number with no such record is left out.
    /// </summary>
    Task<IReadOnlyDictionary<long, AssetRecord>> RecordsAsync(IReadOnlyCollection<long> ordinals, CancellationToken ct);

    /// <summary>Hides records from search but keeps them, with the time they were withdrawn.</summary>
    Task<IReadOnlyList<string>> WithdrawAsync(CatalogWrite write, IReadOnlyList<string> ids, CancellationToken ct);

    /// <summary>Removes records for good.</summary>
    Task<IReadOnlyList<string>> DeleteAsync(CatalogWrite write, IReadOnlyList<string> ids, CancellationToken ct);

    /// <summary>
    /// The changes numbered after <paramref name="after"/>, oldest first, at most <paramref name="limit"/>;
    /// each gives the asset as it is now. Reading from 0 gives every live asset once.
    /// </summary>
    Task<IReadOnlyList<CatalogChange>> ChangesAsync(long after, int limit, CancellationToken ct);

    /// <summary>This catalogue's identity (made when it was created) and the number of its latest change.</summary>
    Task<CatalogPosition> PositionAsync(CancellationToken ct);

    Task<long> CountAsync(CancellationToken ct);

    /// <summary>
    /// Assets, withdrawn ones included, in the order of their last change and then id, within the window:
    /// what a harvester asking "what changed since" reads (<see cref="StoredAsset.UpdatedAt"/> is the change time).
    /// </summary>
    Task<IReadOnlyList<StoredAsset>> ChangedAsync(ChangeWindow window, CancellationToken ct);

    /// <summary>Live assets with document numbers from <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
    Task<StampRange> StampsAsync(long first, int count, CancellationToken ct);

    /// <summary>Every record that is not withdrawn, in the order they were first stored, read as it is consumed.</summary>
    IAsyncEnumerable<AssetRecord> AllAsync(CancellationToken ct);

    Task<string?> GetCheckpointAsync(string sourceId, string name, CancellationToken ct);

    Task SetCheckpointAsync(string sourceId, string name, string value, CancellationToken ct);

    /// <summary>Sets a checkpoint inside the write of what it marks (a harvest's page), so the two commit together.</summary>
    Task SetCheckpointAsync(CatalogWrite? write, string sourceId, string name, string value, CancellationToken ct);

    Task RemoveCheckpointAsync(string sourceId, string name, CancellationToken ct);

    Task RemoveCheckpointAsync(CatalogWrite? write, string sourceId, string name, CancellationToken ct);

    /// <summary>The ids of a source's records that are not withdrawn.</summary>
    Task<IReadOnlyList<string>> IdsOfSourceAsync(string sourceId, CancellationToken ct);

    /// <summary>Records a run that never started (skipped, or failed before it could).</summary>
    Task RecordHarvestAsync(HarvestRun run, CancellationToken ct);

    /// <summary>Records a run as it starts, running and held by <paramref name="holder"/>; returns its number.</summary>
    Task<long> StartHarvestAsync(HarvestRun run, HarvestHolder holder, CancellationToken ct);

    /// <summary>
    /// Updates a running run's counts and status, inside the write of the page it counts when there is one;
    /// false when the run is no longer running (it was found dead and marked interrupted).
    /// </summary>
    Task<bool> UpdateHarvestAsync(CatalogWrite? write, long id, HarvestRun run, CancellationToken ct);

    /// <summary>Every datalab, tool and software record that says how it launches (has a tool profile).</summary>
    Task<IReadOnlyList<AssetRecord>> ToolsAsync(CancellationToken ct);

    /// <summary>The latest runs, newest first, of one source or of all.</summary>
    Task<IReadOnlyList<HarvestRun>> RecentHarvestsAsync(string? sourceId, int limit, CancellationToken ct);
}
