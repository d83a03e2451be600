using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Search;

/// <summary>
/// The search index. It lives apart from the catalogue and follows it: it is handed the catalogue's
/// numbered changes in order (<see cref="IndexFollower"/> does that) and remembers the last number it
/// holds, so after a crash or a write by another process it picks up where it stopped.
/// </summary>
public interface ISearchIndex
{
    /// <summary>The catalogue this index was built from, and the number of the last change it holds.</summary>
    IndexPosition Position { get; }

    /// <summary>Applies changes (oldest first, numbered after <see cref="Position"/>); false when another process holds the index for writing.</summary>
    Task<bool> ApplyAsync(IReadOnlyList<CatalogChange> changes, CancellationToken ct);

    /// <summary>Empties the index, to be rebuilt from the start of the named catalogue's changes.</summary>
    Task ResetAsync(string catalogId, CancellationToken ct);

    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct);
}

/// <summary>Where an index is in following a catalogue.</summary>
public readonly record struct IndexPosition(string? CatalogId, long Sequence);
