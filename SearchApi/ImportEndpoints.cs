using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiscoveryPortal.SearchApi;

/// <summary>
/// <c>POST /api/imports?mode=dry-run|valid|all&amp;format=csv|jsonl&amp;source=ID</c>: bulk registration from
/// a CSV or JSON-lines body. A dry run lists every problem by row, column and reason; <c>valid</c> stores
/// the rows without problems; <c>all</c> stores everything or, if any row has a problem, nothing.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>The largest import body accepted.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        // Kestrel's 30 MB default would refuse a large file before the handler could say why.
        app.MapPost("/api/imports", Import).RequireAuthorization(PortalSecurity.AssetsWrite).WithName("Import").WithTags("Curation")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBytes))
            .WithSummary("Check (dry run) or import records from CSV or JSON lines")
            .Accepts<string>("text/csv", "application/x-ndjson")
            .AddOpenApiOperationTransformer((operation, context, ct) =>
            {
                if (operation.RequestBody is Microsoft.OpenApi.OpenApiRequestBody body)
                {
                    body.Required = true;
                    body.Description = "The file itself: CSV with a header row, or JSON lines (one record object a line); the columns and fields are those of " +
                        "data-samples/README.md. format=csv|jsonl says which (else the Content-Type does); mode=dry-run (the default) only checks, " +
                        $"valid stores the rows without problems, all stores every row or none. At most {MaxBytes / (1024 * 1024):N0} MB.";
                }
                return Task.CompletedTask;
            });
        return app;
    }

    public static async Task<Results<Ok<ImportResult>, UnprocessableEntity<ImportResult>, ProblemHttpResult>> Import(HttpContext context, ImportService imports,
        string? mode, string? format, string? source, CancellationToken ct)
    {
        var importMode = (mode ?? "dry-run").ToLowerInvariant() switch
        {
            "dry-run" => ImportMode.DryRun,
            "valid" => ImportMode.Valid,
            "all" => ImportMode.All,
            _ => (ImportMode?)null,
        };
        var extension = (format ?? (context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? "jsonl" : "csv")).ToLowerInvariant();
        if (importMode is null || extension is not ("csv" or "jsonl"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown import settings.", detail: "mode is dry-run, valid or all; format is csv or jsonl.");
        }
        if (context.Request.ContentLength > MaxBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large.", detail: $"An import may be at most {MaxBytes / 1024 / 1024} MB; split the file.");
        }
        var account = context.User.Account()!;
        var path = Path.Combine(Path.GetTempPath(), $"portal-import-{Guid.NewGuid():N}.{extension}");
        try
        {
            // The body goes to a file so it can be read twice (check, then store) without being held in memory.
            await using (var file = File.Create(path))
            {
                await context.Request.Body.CopyToAsync(file, ct);
            }
            // Each stored batch is audited in its own write.
            var result = await imports.ImportAsync(path, source ?? account.Sources.FirstOrDefault() ?? "import", importMode.Value, account, null, ct);
            return importMode == ImportMode.All && !result.Committed && result.Invalid > 0 ? TypedResults.UnprocessableEntity(result) : TypedResults.Ok(result);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
