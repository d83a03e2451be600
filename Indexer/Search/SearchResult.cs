using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Search;

/// <summary>One hit: the record and a snippet with the matched words marked.</summary>
public sealed record SearchHit(AssetRecord Record, string Snippet);

/// <summary>A facet value and how many results carry it; <see cref="Parent"/> is set in hierarchical dimensions.</summary>
public sealed record FacetValue(string Value, int Count, bool Selected, string? Parent = null);

public sealed record FacetResult(string Dimension, IReadOnlyList<FacetValue> Values);

/// <summary>A page of results, the facet counts over all of them, the cursor of the next page, and how the query was understood.</summary>
public sealed record SearchResult(long Total, IReadOnlyList<SearchHit> Hits, IReadOnlyList<FacetResult> Facets, SearchCursor? Next)
{
    public Understanding.QueryInterpretation Interpretation { get; init; } = Understanding.QueryInterpretation.None;
}
