using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DiscoveryPortal.Connectors.Http;

/// <summary>How hard a connector tries before it gives up on a request.</summary>
public sealed record RetryPolicy(int Attempts = 4, TimeSpan? FirstDelay = null, TimeSpan? Timeout = null, TimeSpan? LongestRetryAfter = null)
{
    public static RetryPolicy Default { get; } = new();
}

/// <summary>
/// Retries on 5xx, 429, timeouts and broken connections with exponential backoff and jitter, so one
/// overloaded moment of an archive does not fail a harvest; a 429 or 503 that says how long to wait
/// (Retry-After) is waited out, up to a bound. Anything else is the caller's to report.
/// </summary>
public static class HttpResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Build(RetryPolicy policy)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (policy.Attempts <= 1)
        {
            // One attempt: no retry strategy at all (Polly refuses one with no retries).
            return builder.AddTimeout(policy.Timeout ?? TimeSpan.FromSeconds(120)).Build();
        }
        return builder
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsTransient),
                MaxRetryAttempts = Math.Max(0, policy.Attempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.FirstDelay ?? TimeSpan.FromMilliseconds(500),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, policy.LongestRetryAfter ?? TimeSpan.FromMinutes(2))),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(policy.Timeout ?? TimeSpan.FromSeconds(120))
            .Build();
    }

    public static bool IsTransient(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    /// <summary>The wait a response asks for (Retry-After as seconds or a date), or null to use the backoff.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan longest)
    {
        if (response?.Headers.RetryAfter is not { } header)
        {
            return null;
        }
        var wait = header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is not { } w)
        {
            return null;
        }
        return w < TimeSpan.Zero ? TimeSpan.Zero : w > longest ? longest : w;
    }
}
