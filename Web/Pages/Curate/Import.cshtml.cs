using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.SearchApi;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Curate;

/// <summary>
/// Bulk registration from a CSV or JSON-lines file: check it first (every problem by row, column and
/// reason), then store the valid rows or all or nothing. The upload becomes an import job that runs in the
/// background; the answer sends the browser (303) to the job's page, which shows how far it is, then its result.
/// </summary>
[Authorize(Policy = PortalSecurity.AssetsWrite)]
[RequestSizeLimit(ImportEndpoints.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportEndpoints.MaxBytes)]
public sealed class ImportModel(ImportJobs jobs) : PageModel
{
    public string? Error { get; private set; }

    [BindProperty]
    public string Mode { get; set; } = "dry-run";

    [BindProperty]
    public string? Source { get; set; }

    public void OnGet()
    {
        Source = User.Account()!.Sources.FirstOrDefault();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        var me = User.Account()!;
        var extension = Path.GetExtension(file?.FileName ?? "").ToLowerInvariant();
        var mode = Mode switch
        {
            "valid" => ImportMode.Valid,
            "all" => ImportMode.All,
            _ => ImportMode.DryRun,
        };
        if (file is null || file.Length == 0)
        {
            Error = "Choose a file to import.";
        }
        else if (extension is not (".csv" or ".jsonl" or ".ndjson"))
        {
            Error = $"'{file.FileName}' is not a .csv or .jsonl file.";
        }
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var upload = file!.OpenReadStream();
        if (await jobs.StartAsync(upload, extension, file.FileName, Source, mode, me, ct) is not { } job)
        {
            Error = $"{ImportJobs.QueueLength} imports are waiting already; nothing of this one was kept. Send it again in a minute.";
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "30";
            return Page();
        }
        // 303: the job's page is read with GET, and reloading it does not send the file again.
        Response.Headers.Location = ImportJobModel.PathOf(job.Id);
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
