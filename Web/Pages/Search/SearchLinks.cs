using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace DiscoveryPortal.Web.Pages.Search;

/// <summary>
/// Builds the links of the search page from the current query string: toggle a facet value, change
/// the sort, go to the next page. Every change but paging starts again at the first page.
/// </summary>
public sealed class SearchLinks(IQueryCollection current)
{
    private static readonly string[] PagingKeys = ["cursor", "page"];

    public string Toggle(string dimension, string value)
    {
        var values = Values(dimension);
        var selected = values.Contains(value, StringComparer.OrdinalIgnoreCase);
        var next = selected ? values.Where(v => !string.Equals(v, value, StringComparison.OrdinalIgnoreCase)).ToList() : [.. values, value];
        return Build(dimension, next);
    }

    public string Without(params string[] keys) =>
        Url(Current(excludePaging: true).Where(p => !keys.Contains(p.Key)));

    public string WithSort(string sort) => Build("sort", [sort]);

    public string Next(string cursor, int page) =>
        Url(Current(excludePaging: true).Append(new("cursor", cursor)).Append(new("page", (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public string FirstPage() => Url(Current(excludePaging: true));

    /// <summary>This page of results from the API, as a table or JSON: the same search, cursor included, with <c>format</c>.</summary>
    public string Export(string format) =>
        QueryHelpers.AddQueryString("/api/search", Current(excludePaging: false).Where(p => p.Key is not ("page" or "format"))
            .Append(new("format", format)).Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value)));

    /// <summary>This search as an Atom feed from the API, newest first: the same words and filters, without paging or sort.</summary>
    public string Feed() =>
        QueryHelpers.AddQueryString("/api/search", Current(excludePaging: true).Where(p => p.Key is not ("sort" or "format"))
            .Append(new("format", "atom")).Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value)));

    /// <summary>The results of this search over time (the page's <c>timeline</c> handler), for the histogram.</summary>
    public string Timeline() => Url(Current(excludePaging: true).Where(p => p.Key != "handler").Prepend(new("handler", "timeline")));

    public IReadOnlyList<string> Values(string key) =>
        current.TryGetValue(key, out var v) ? v.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToList() : [];

    private string Build(string key, IReadOnlyList<string> values) =>
        Url(Current(excludePaging: true).Where(p => p.Key != key).Concat(values.Select(v => new KeyValuePair<string, string>(key, v))));

    private IEnumerable<KeyValuePair<string, string>> Current(bool excludePaging) =>
        current.Where(p => !(excludePaging && PagingKeys.Contains(p.Key)))
            .SelectMany(p => p.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => new KeyValuePair<string, string>(p.Key, v!)));

    private static string Url(IEnumerable<KeyValuePair<string, string>> pairs) =>
        QueryHelpers.AddQueryString("/search", pairs.Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value)));
}
