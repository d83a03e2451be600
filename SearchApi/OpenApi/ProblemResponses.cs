using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace DiscoveryPortal.SearchApi.OpenApi;

/// <summary>
/// Documents the 4xx problems every API route can answer, read from what the route is rather than listed by
/// hand: 400 everywhere (a parameter, a body, a host the portal does not answer for), 401 and 403 where a
/// route needs an account, 403 on every write (the cross-site check), 404 where the path names something,
/// 413 where the body has a size limit, 415 where a JSON body is read, 429 where searching is limited.
/// A route lists the others it answers itself (<c>ProducesProblem</c>); a status already listed is kept.
/// </summary>
public static class ProblemResponses
{
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    public static TBuilder DocumentProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            var listed = metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).ToHashSet();
            void Add(int status)
            {
                if (listed.Add(status))
                {
                    metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
                }
            }
            var methods = metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var writes = methods.Any(m => WriteMethods.Contains(m, StringComparer.OrdinalIgnoreCase));
            Add(StatusCodes.Status400BadRequest);
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                Add(StatusCodes.Status401Unauthorized);
                Add(StatusCodes.Status403Forbidden);
            }
            if (writes)
            {
                Add(StatusCodes.Status403Forbidden);
            }
            if (endpoint is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 })
            {
                Add(StatusCodes.Status404NotFound);
            }
            if (metadata.OfType<IRequestSizeLimitMetadata>().Any())
            {
                Add(StatusCodes.Status413PayloadTooLarge);
            }
            if (metadata.OfType<IAcceptsMetadata>().Any(a => a.ContentTypes.Any(t => t.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))))
            {
                Add(StatusCodes.Status415UnsupportedMediaType);
            }
            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                Add(StatusCodes.Status429TooManyRequests);
            }
        });
        return builder;
    }
}
