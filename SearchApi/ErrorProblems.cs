using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DiscoveryPortal.SearchApi;

/// <summary>
/// The last guard of every route: a request the framework could not read (a body that is not JSON, a
/// parameter that does not bind, a content type a JSON-only route does not take) answers its own 4xx
/// problem naming what was wrong; anything unexpected answers a 500 problem with a trace id for the log,
/// never a stack trace.
/// </summary>
public sealed class ErrorProblems(IProblemDetailsService problems, ILogger<ErrorProblems> log) : IExceptionHandler
{
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
        context.Response.Clear();
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = null });
    }
}
