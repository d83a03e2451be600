using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Sources;
using DiscoveryPortal.SearchApi;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Sources;

/// <summary>
/// One source's status: while a harvest runs, its pages and rows so far (the page reloads itself without script; with
/// script, <c>wwwroot/js/harvest-progress.js</c> reads the source's JSON instead); its last run, the errors with a
/// sample of the bad input, and its history.
/// </summary>
public sealed class DetailsModel(SourceRegistry registry, HarvestCoordinator coordinator, ICatalogStore catalog, AuditLog audit, SourceRegistration registration) : PageModel
{
    /// <summary>Seconds between two reloads of the page while a harvest runs, without script.</summary>
    public const int RefreshSeconds = 3;

    public SourceHistory History { get; private set; } = null!;
    public bool MayHarvest { get; private set; }
    public string? Message { get; private set; }

    /// <summary>The JSON the page's script reads while a harvest runs.</summary>
    public string StatusUrl => SourceEndpoints.PathOf(History.Status.Source.Id);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await SourceStatuses.GetAsync(id, registry, coordinator, catalog, ct) is not { } history)
        {
            return NotFound();
        }
        History = history;
        MayHarvest = User.HasScope(Indexer.Accounts.Scopes.SourcesWrite) && User.Account() is { } me && me.MayChange(history.Status.Source.Id, null);
        Message = Request.Query.ContainsKey("started")
            ? history.Status.Running ? "Harvest under way; the figures below follow it until it ends." : "The harvest has ended; its run is below."
            : Request.Query.ContainsKey("changed") ? "Schedule changed." : null;
        return Page();
    }

    /// <summary>A registered source's schedule, changed by its curator.</summary>
    public async Task<IActionResult> OnPostScheduleAsync(string id, string? schedule, CancellationToken ct)
    {
        if (User.Account() is not { } me || await registry.FindAsync(id, ct) is not { } registered)
        {
            return NotFound();
        }
        var source = registered.Definition;
        source.Schedule = string.IsNullOrWhiteSpace(schedule) ? null : schedule.Trim();
        var result = await registration.UpdateAsync(source, me, ct);
        if (!result.Ok)
        {
            return result.Forbidden ? Forbid() : await ShowAsync(id, result.Refusal, ct);
        }
        return LocalRedirect($"/sources/{Uri.EscapeDataString(source.Id)}?changed=1");
    }

    /// <summary>Stops harvesting a registered source; its records stay.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string id, bool withdrawRecords, CancellationToken ct)
    {
        if (User.Account() is not { } me)
        {
            return Challenge();
        }
        var result = await registration.RemoveAsync(id, me, ct, withdrawRecords);
        return result.Ok ? LocalRedirect("/sources") : result.Forbidden ? Forbid() : NotFound();
    }

    private async Task<IActionResult> ShowAsync(string id, string? message, CancellationToken ct)
    {
        var page = await OnGetAsync(id, ct);
        Message = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
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
