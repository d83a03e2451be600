using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Launch;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.SearchApi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Search;

/// <summary>The result page: the same search the API runs, rendered with a facet sidebar.</summary>
public sealed class IndexModel(ISearchIndex index, LaunchService launches, TimeHistogram histogram) : PageModel
{
    /// <summary>Dimensions shown in the sidebar, in order, with the label a researcher reads.</summary>
    public static IReadOnlyList<(string Dimension, string Label)> Sidebar { get; } =
    [
        (FacetDimensions.Domain, "Domain"),
        (FacetDimensions.Mission, "Mission"),
        (FacetDimensions.Instrument, "Instrument"),
        (FacetDimensions.AssetType, "Asset type"),
        (FacetDimensions.ProductType, "Product type"),
        (FacetDimensions.Waveband, "Waveband"),
        (FacetDimensions.FileFormat, "File format"),
        (FacetDimensions.Source, "Source"),
    ];

    public const int ShownPerFacet = 8;

    public SearchQuery Query { get; private set; } = new();
    public SearchResponse? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public SearchLinks Links { get; private set; } = null!;
    public int PageNumber { get; private set; } = 1;
    public int PageSize { get; private set; } = SearchQuery.DefaultSize;

    /// <summary>For each hit, the tools that open it and where ("Open with").</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ToolOffer>> Offers { get; private set; } = new Dictionary<string, IReadOnlyList<ToolOffer>>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Query = SearchQuery.From(Request.Query);
        Links = new SearchLinks(Request.Query);
        ViewData["Query"] = Query.Q;
        PageNumber = int.TryParse(Request.Query["page"], out var p) && p > 0 ? p : 1;
        var request = Query.ToRequest(out var errors);
        if (request is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        PageSize = request.Size;
        Result = SearchResponse.From(await index.SearchAsync(request, ct), Query.Q);
        // What the matcher needs of a hit is on it already: source, mission, product types and formats.
        Offers = await launches.ToolsForEachAsync(Result.Hits.Where(h => h.AssetType is not (AssetType.Datalab or AssetType.Tool))
            .Select(h => new AssetRecord { Id = h.Id, SourceId = h.SourceId, Title = h.Title, Mission = h.Mission, ProductTypes = h.ProductTypes, Formats = h.Formats }).ToList(), ct);
        return Page();
    }

    /// <summary>The results over time, for the histogram drawn by script (<c>?handler=timeline</c>, JSON).</summary>
    public async Task<IActionResult> OnGetTimelineAsync(CancellationToken ct)
    {
        var request = SearchQuery.From(Request.Query).ToRequest(out var errors);
        return request is null ? BadRequest(new ValidationProblemDetails(errors)) : new JsonResult(await histogram.CountAsync(request, ct));
    }

    public IReadOnlyList<FacetValueResponse> Facet(string dimension) =>
        Result?.Facets.GetValueOrDefault(dimension) ?? [];

    /// <summary>Every selected facet value, for the removable chips above the results.</summary>
    public IEnumerable<(string Dimension, string Label, string Value)> Chips() =>
        Sidebar.SelectMany(s => Links.Values(s.Dimension).Select(v => (s.Dimension, s.Label, v)));

    /// <summary>The non-facet filters in force, each with a link that removes it.</summary>
    public IEnumerable<(string Text, string RemoveUrl)> OtherFilters()
    {
        if (!string.IsNullOrWhiteSpace(Query.Ra))
        {
            yield return ($"Sky cone {Query.Ra}, {Query.Dec} r={Query.Radius}°", Links.Without("ra", "dec", "radius"));
        }
        if (!string.IsNullOrWhiteSpace(Query.Bbox))
        {
            yield return ($"Ground box {Query.Bbox}", Links.Without("bbox"));
        }
        if (!string.IsNullOrWhiteSpace(Query.Start))
        {
            yield return ($"From {Query.Start}", Links.Without("start"));
        }
        if (!string.IsNullOrWhiteSpace(Query.End))
        {
            yield return ($"Until {Query.End}", Links.Without("end"));
        }
    }

    public static string AssetUrl(string id) => "/assets/" + Uri.EscapeDataString(id);
}
