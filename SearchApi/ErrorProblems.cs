using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DiscoveryPortal.SearchApi;

/// <summary>
/// The last guard of every route: a request the framework could not read (a body that is not JSON, a
/// parameter that does not bind, a content type a JSON-only route does not take) answers its own 4xx
/// problem naming what was wrong; a write the catalogue cannot take (its disk full, the file or folder
/// read-only, another process holding it) answers 503 naming the cause, while reads go on being served;
/// anything unexpected answers a 500 problem with a trace id for the log, never a stack trace.
/// </summary>
public sealed class ErrorProblems(IProblemDetailsService problems, ILogger<ErrorProblems> log) : IExceptionHandler
{
    /// <summary>Answers a request refused before any route saw it with a problem document.</summary>
    public static async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (context.Response.HasStarted)
        {
            return false;
        }
        var traceId = Activity.Current?.Id ?? context.TraceIdentifier;
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            problem = new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = bad.Message };
        }
        else if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody reads the answer.
            problem = new ProblemDetails { Status = 499, Title = "The request was cancelled." };
        }
        else if (Indexer.Catalog.CatalogFault.Of(exception) is { } fault)
        {
            log.LogError(exception, "The catalogue could not take {Method} {Path} ({TraceId}): {Cause}", context.Request.Method, context.Request.Path, traceId, fault.Cause);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The catalogue cannot take changes now.",
                Detail = $"{char.ToUpperInvariant(fault.Cause[0])}{fault.Cause[1..]}; {Stored(exception)}. Searching and reading go on; try the change again later.",
            };
            problem.Extensions["cause"] = fault.Kind switch
            {
                Indexer.Catalog.CatalogFaultKind.DiskFull => "disk-full",
                Indexer.Catalog.CatalogFaultKind.ReadOnly => "read-only",
                _ => "busy",
            };
            context.Response.Headers.RetryAfter = fault.Kind == Indexer.Catalog.CatalogFaultKind.Busy ? "30" : "300";
        }
        else
        {
            log.LogError(exception, "Unexpected failure of {Method} {Path} ({TraceId})", context.Request.Method, context.Request.Path, traceId);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on the portal's side.",
                Detail = $"The failure is logged under trace id {traceId}.",
            };
        }
        problem.Extensions["traceId"] = traceId;
        var retryAfter = context.Response.Headers.RetryAfter;
        context.Response.Clear();
        context.Response.Headers.RetryAfter = retryAfter;
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = null });
    }

    /// <summary>What was stored: nothing of a change; of an import stopped part way, the batches before the one that failed.</summary>
    private static string Stored(Exception exception) =>
        exception is Indexer.Ingestion.IngestStoppedException { StoredThroughRow: > 0 } stopped
            ? $"the rows up to row {stopped.StoredThroughRow:N0} are stored, nothing after it"
            : "nothing of this change was stored";
}
