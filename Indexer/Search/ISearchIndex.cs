namespace DiscoveryPortal.Indexer.Search;

/// <summary>
/// The search index. Narrow on purpose: a backend (SQLite FTS5 today, PostgreSQL later) only has to
/// make records searchable, forget them, and answer a <see cref="SearchRequest"/>.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Makes the catalogue's current version of these records searchable.</summary>
    Task IndexAsync(IReadOnlyList<string> ids, CancellationToken ct);

    /// <summary>Removes records from search results.</summary>
    Task DeleteAsync(IReadOnlyList<string> ids, CancellationToken ct);

    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct);
}
