using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.SearchApi;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages;

/// <summary>The front page: a search box and the catalogue's top facets to start from.</summary>
public sealed class IndexModel(ISearchIndex index) : PageModel
{
    public SearchResponse Overview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await index.SearchAsync(new SearchRequest
        {
            Size = 1,
            FacetDimensions = [FacetDimensions.Domain, FacetDimensions.MissionFamily, FacetDimensions.Mission, FacetDimensions.AssetType, FacetDimensions.ProductType],
            FacetLimit = 40,
        }, ct);
        Overview = SearchResponse.From(result, null);
    }

    public IReadOnlyList<FacetValueResponse> Facet(string dimension) => Overview.Facets.GetValueOrDefault(dimension) ?? [];

    public static string Link(string dimension, string value) => $"/search?{dimension}={Uri.EscapeDataString(value)}";
}
