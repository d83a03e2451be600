using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Search.Query;

namespace DiscoveryPortal.Indexer.Search;

public enum SearchSort
{
    Relevance,
    Newest,
    Title,
}

/// <summary>A cone on the sky in degrees.</summary>
public readonly record struct Cone(double Ra, double Dec, double Radius);

/// <summary>
/// Everything a search asks, already validated: the parsed query, facet selections (values of one
/// dimension OR-ed, dimensions AND-ed), spatial and time filters, sort and page.
/// </summary>
public sealed record SearchRequest
{
    public ParsedQuery Query { get; init; } = ParsedQuery.All;
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public Cone? Cone { get; init; }
    public BoundingBox? Box { get; init; }
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int Size { get; init; } = 20;
    public SearchCursor? After { get; init; }

    /// <summary>When set, only the records with these ids (for standard APIs that select by id); empty selects none.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Dimensions to count; null means all of <see cref="Facets.FacetDimensions.All"/>.</summary>
    public IReadOnlyList<string>? FacetDimensions { get; init; }

    /// <summary>Most values returned per dimension (selected values are always included).</summary>
    public int FacetLimit { get; init; } = 50;

    /// <summary>A fingerprint of what defines the result set, so a cursor is only used with its own search.</summary>
    public string Fingerprint() => RecordJson.Hash(ResultSet())[..16];

    /// <summary>Everything that decides the answer, page and facet counts included: equal keys, equal answers from one view of the index.</summary>
    public string AnswerKey() =>
        $"{ResultSet()}\n{Size}\n{(FacetDimensions is null ? "*" : string.Join("|", FacetDimensions))}\n{FacetLimit}\n{After?.Encode()}";

    private string ResultSet()
    {
        var filters = string.Join("&", Filters.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => f.Key + "=" + string.Join("|", f.Value.Order(StringComparer.Ordinal))));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Query.Canonical()}\n{filters}\n{Cone}\n{Box}\n{Start:O}\n{End:O}\n{Sort}{(Ids is null ? "" : "\nids=" + string.Join("|", Ids.Order(StringComparer.Ordinal)))}");
    }
}
