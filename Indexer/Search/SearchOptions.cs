namespace DiscoveryPortal.Indexer.Search;

/// <summary>Section "Search": how the index answers.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// Answers kept for repeated searches (the landing page's facets, a popular query, the next page
    /// asked again), each valid only for the view of the index it was read from, so a write is never
    /// hidden by it. 0 turns the cache off.
    /// </summary>
    public int CachedAnswers { get; set; } = 1000;
}
