using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiscoveryPortal.SearchApi;

/// <summary>
/// <c>POST /api/imports?mode=dry-run|valid|all&amp;format=csv|jsonl&amp;source=ID&amp;wait=true|false</c>: bulk registration from
/// a CSV or JSON-lines body. A dry run lists every problem by row, column and reason; <c>valid</c> stores
/// the rows without problems; <c>all</c> stores everything or, if any row has a problem, nothing. Every import
/// is a job of <see cref="ImportJobs"/>, run in the background: with <c>wait=false</c> the answer is at once a
/// 202 naming the job, whose progress <c>GET /api/imports/{jobId}</c> reads; without it (as clients written before
/// jobs expect) the answer waits for the job's result.
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
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Check (dry run) or import records from CSV or JSON lines, waiting for the result or (wait=false) as a job")
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
                operation.Description = "The import runs as a job in the background. wait=true (the default) answers once it has ended: 200 with the result, " +
                    "422 for mode=all with rows that have problems (nothing stored). wait=false answers at once: 202 with the job's status and its Location, " +
                    $"GET /api/imports/{{jobId}}, which says how far it is. A 503 when the catalogue cannot take writes, or {ImportJobs.QueueLength} imports are waiting already.";
                return Task.CompletedTask;
            });
        app.MapGet("/api/imports/{jobId}", Job).RequireAuthorization(PortalSecurity.AssetsWrite).WithName("ImportJob").WithTags("Curation")
            .WithSummary("How far an import job is: rows checked and stored, then its result (only its starter may read it)");
        return app;
    }

    /// <summary>The path of a job's status, for the caller that started it.</summary>
    public static string JobPath(string jobId) => "/api/imports/" + jobId;

    public static async Task<Results<Ok<ImportResult>, UnprocessableEntity<ImportResult>, Accepted<ImportJobStatus>, ProblemHttpResult>> Import(HttpContext context, ImportJobs jobs,
        string? mode, string? format, string? source, bool? wait, CancellationToken ct)
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
        if (await jobs.StartAsync(context.Request.Body, "." + extension, "upload." + extension, source, importMode.Value, account, ct) is not { } job)
        {
            return QueueFull(context);
        }
        if (wait == false)
        {
            return TypedResults.Accepted(JobPath(job.Id), job);
        }
        // A failed job throws what stopped it: a catalogue fault answers 503 as every write does.
        var result = await jobs.ResultAsync(job.Id, account, ct);
        return importMode == ImportMode.All && !result.Committed && result.Invalid > 0 ? TypedResults.UnprocessableEntity(result) : TypedResults.Ok(result);
    }

    public static Results<Ok<ImportJobStatus>, NotFound> Job(string jobId, HttpContext context, ImportJobs jobs) =>
        jobs.Find(jobId, context.User.Account()!) is { } job ? TypedResults.Ok(job) : TypedResults.NotFound();

    /// <summary>The answer when the queue of imports is full: try again shortly.</summary>
    public static ProblemHttpResult QueueFull(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "30";
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many imports are waiting.",
            detail: $"{ImportJobs.QueueLength} imports are waiting already; nothing of this one was kept. Send it again in a minute.");
    }
}
