using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Sources;
using DiscoveryPortal.SearchApi;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Sources;

/// <summary>One source's status: its last run, the errors with a sample of the bad input, and its history.</summary>
public sealed class DetailsModel(SourceRegistry registry, HarvestCoordinator coordinator, ICatalogStore catalog, AuditLog audit) : PageModel
{
    public SourceHistory History { get; private set; } = null!;
    public bool MayHarvest { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await SourceStatuses.GetAsync(id, registry, coordinator, catalog, ct) is not { } history)
        {
            return NotFound();
        }
        History = history;
        MayHarvest = User.HasScope(Indexer.Accounts.Scopes.SourcesWrite) && User.Account() is { } me && me.MayChange(history.Status.Source.Id, null);
        Message = Request.Query.ContainsKey("started") ? "Harvest started; this page shows the run when it ends (reload)." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostHarvestAsync(string id, CancellationToken ct)
    {
        if (User.Account() is not { } me || !User.HasScope(Indexer.Accounts.Scopes.SourcesWrite))
        {
            return Challenge();
        }
        if (await SourceStatuses.GetAsync(id, registry, coordinator, catalog, ct) is not { } history)
        {
            return NotFound();
        }
        if (!me.MayChange(history.Status.Source.Id, null))
        {
            return Forbid();
        }
        if (coordinator.TryStart(history.Status.Source.Id, out _))
        {
            await audit.RecordAsync(me.Name, "harvest-now", "source:" + history.Status.Source.Id, null, null, ct);
        }
        return LocalRedirect($"/sources/{Uri.EscapeDataString(history.Status.Source.Id)}?started=1");
    }
}
