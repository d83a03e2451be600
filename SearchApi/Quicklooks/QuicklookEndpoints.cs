using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DiscoveryPortal.SearchApi.Quicklooks;

/// <summary>
/// <c>GET /quicklooks/{id}</c>: the picture of one asset, fetched from its archive by <see cref="QuicklookFetcher"/> and
/// served as the portal's own, so pages never hot-link an archive. The asset id is the only parameter: the URL fetched
/// is the one its record holds, never one a caller names.
/// </summary>
public static class QuicklookEndpoints
{
    /// <summary>Where the picture of an asset is served; pages link to this, never to the archive's URL.</summary>
    public static string PathOf(string assetId) => "/quicklooks/" + Uri.EscapeDataString(assetId);

    public static IServiceCollection AddQuicklooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QuicklookOptions>().Bind(configuration.GetSection(QuicklookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<QuicklookFetcher>();
        services.AddHttpClient(QuicklookFetcher.HttpClientName, client =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan; // the fetcher's own limit covers the whole picture
            client.DefaultRequestHeaders.UserAgent.ParseAdd("DiscoveryPortal-Quicklooks/1.0");
        }).ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<Connectors.Http.OutboundGuard>().CreateHandler());
        return services;
    }

    public static IEndpointRouteBuilder MapQuicklookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/quicklooks/{id}", GetQuicklook)
            .Produces(StatusCodes.Status200OK, contentType: Quicklook.ImageTypes[0], additionalContentTypes: [.. Quicklook.ImageTypes.Skip(1)])
            .WithName("GetQuicklook")
            .WithTags("Assets")
            .WithSummary("The picture of one asset")
            .WithDescription("The quicklook its source gives (PNG, JPEG, GIF or WebP), fetched from the archive and served by the portal. "
                + "404 when the asset has none, or when the archive cannot give it (refused address, another type, too large, too slow). The id is <source>:<native id>, URL-encoded.");
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetQuicklook(string id, HttpContext http, ICatalogStore catalog, QuicklookFetcher fetcher,
        IOptions<QuicklookOptions> options, CancellationToken ct)
    {
        var decoded = Uri.UnescapeDataString(id);
        var stored = string.IsNullOrWhiteSpace(decoded) ? null : await catalog.GetAsync(decoded, ct);
        if (stored is null || stored.WithdrawnAt is not null || stored.Record.Quicklook is not { } quicklook)
        {
            return NotFound(stored is null ? "The catalogue holds no such asset." : "The asset has no quicklook.");
        }
        var fetched = await fetcher.FetchAsync(quicklook, ct);
        if (fetched.Image is not { } image)
        {
            return NotFound($"The archive's quicklook cannot be shown: {fetched.Refusal}.");
        }
        var headers = http.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.CacheControl] = $"public, max-age={options.Value.CacheSeconds}";
        return TypedResults.File(image.Bytes, image.MediaType);
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No quicklook.", detail: detail);
}
