using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;

namespace DiscoveryPortal.SearchApi.Security;

/// <summary>Section <c>SearchLimit</c>: searches per second each client address may run, with a burst; 0 turns the limit off.</summary>
public sealed class SearchLimitOptions
{
    public const string Section = "SearchLimit";

    public int RequestsPerSecond { get; set; } = 20;

    public int Burst { get; set; } = 100;
}

/// <summary>
/// A per-address token bucket on searching (<c>/api/search</c> and the <c>/search</c> page): generous for a
/// person or a notebook, but one client cannot take the machine. Past it, <c>429</c> with <c>Retry-After</c>.
/// Behind a reverse proxy every client shares the proxy's address, so the proxy should limit instead.
/// </summary>
public static class SearchRateLimit
{
    public const string Policy = "search";

    public static IServiceCollection AddSearchRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var limit = configuration.GetSection(SearchLimitOptions.Section).Get<SearchLimitOptions>() ?? new SearchLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many searches.",
                        Detail = $"At most {limit.RequestsPerSecond} searches a second from one address (bursts of {limit.Burst}); try again in {seconds} s.",
                    },
                });
            };
            o.AddPolicy(Policy, context => limit.RequestsPerSecond <= 0
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(limit.Burst, limit.RequestsPerSecond),
                    TokensPerPeriod = limit.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
        return services;
    }
}
