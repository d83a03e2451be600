using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.SearchApi;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Curate;

/// <summary>
/// Bulk registration from a CSV or JSON-lines file: check it first (every problem by row, column and
/// reason), then store the valid rows or all or nothing. The file is streamed to a temporary file and
/// read twice, so its size does not decide the memory used.
/// </summary>
[Authorize(Policy = PortalSecurity.AssetsWrite)]
[RequestSizeLimit(ImportEndpoints.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportEndpoints.MaxBytes)]
public sealed class ImportModel(ImportService imports, AuditLog audit) : PageModel
{
    public ImportResult? Result { get; private set; }
    public string? Error { get; private set; }
    public string? FileName { get; private set; }

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
        FileName = file!.FileName;
        var path = Path.Combine(Path.GetTempPath(), $"portal-import-{Guid.NewGuid():N}{extension}");
        try
        {
            await using (var copy = System.IO.File.Create(path))
            {
                await file.CopyToAsync(copy, ct);
            }
            var source = string.IsNullOrWhiteSpace(Source) ? me.Sources.FirstOrDefault() ?? "import" : Source.Trim();
            Result = await imports.ImportAsync(path, source, mode, me, null, ct);
            if (Result.Committed)
            {
                await audit.RecordAsync(me.Name, "import", "import:" + source, null, new { file = FileName, Result.Rows, Result.Valid, Result.Invalid, Result.Added, Result.Updated }, ct);
            }
        }
        finally
        {
            System.IO.File.Delete(path);
        }
        return Page();
    }
}
