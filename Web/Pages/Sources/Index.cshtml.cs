using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Sources;
using DiscoveryPortal.SearchApi;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Sources;

/// <summary>Every source the portal harvests, with how its last run went.</summary>
public sealed class IndexModel(SourceRegistry registry, HarvestCoordinator coordinator, ICatalogStore catalog) : PageModel
{
    public IReadOnlyList<SourceStatus> Sources { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Sources = await SourceStatuses.ListAsync(registry, coordinator, catalog, ct);
}
