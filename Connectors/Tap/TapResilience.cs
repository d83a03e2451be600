using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>How hard a connector tries before it gives up on a request.</summary>
public sealed record RetryPolicy(int Attempts = 4, TimeSpan? FirstDelay = null, TimeSpan? Timeout = null)
{
    public static RetryPolicy Default { get; } = new();
}

/// <summary>
/// Retries on 5xx, 429, timeouts and broken connections with exponential backoff and jitter, so one
/// overloaded moment of an archive does not fail a harvest; anything else is the caller's to report.
/// </summary>
public static class TapResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Build(RetryPolicy policy) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
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
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(policy.Timeout ?? TimeSpan.FromSeconds(120))
            .Build();

    public static bool IsTransient(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
}
