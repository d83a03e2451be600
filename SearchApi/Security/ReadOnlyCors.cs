namespace DiscoveryPortal.SearchApi.Security;

/// <summary>
/// Cross-origin reading of the public read-only routes (search, resolve, assets, cone search, the OpenAPI
/// document), so notebooks in the browser and other sites' pages can call them: any origin, GET and HEAD
/// only, no cookies, with the paging and caching headers visible. Writes stay same-origin.
/// </summary>
public static class ReadOnlyCors
{
    public const string Policy = "read-only";

    public static IServiceCollection AddReadOnlyCors(this IServiceCollection services) => services.AddCors(o => o.AddPolicy(Policy, p => p
        .AllowAnyOrigin()
        .WithMethods("GET", "HEAD")
        .WithHeaders("Accept", "Accept-Language", "If-None-Match", "If-Modified-Since")
        .WithExposedHeaders("Link", "X-Total-Count", "ETag", "Last-Modified", "Retry-After")
        .SetPreflightMaxAge(TimeSpan.FromHours(1))));
}
