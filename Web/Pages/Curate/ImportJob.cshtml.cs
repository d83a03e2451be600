using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.SearchApi;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Curate;

/// <summary>
/// One import job of the signed-in account: while it runs, rows checked and stored on a progress bar (the page
/// reloads itself without script; with script, <c>wwwroot/js/import-progress.js</c> reads the job's JSON instead);
/// once it ends, the result with every problem by row, column and reason. Another account's job is not found.
/// </summary>
[Authorize(Policy = PortalSecurity.AssetsWrite)]
public sealed class ImportJobModel(ImportJobs jobs) : PageModel
{
    /// <summary>Seconds between two reloads of the page while the job runs, without script.</summary>
    public const int RefreshSeconds = 2;

    public ImportJobStatus Job { get; private set; } = null!;

    public static string PathOf(string jobId) => "/curate/import/" + jobId;

    /// <summary>The JSON the page's script reads.</summary>
    public string StatusUrl => ImportEndpoints.JobPath(Job.Id);

    public IActionResult OnGet(string? jobId)
    {
        if (jobs.Find(jobId, User.Account()!) is not { } job)
        {
            return NotFound();
        }
        Job = job;
        return Page();
    }
}
