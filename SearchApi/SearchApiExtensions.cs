using System.Text.Json.Serialization;
using DiscoveryPortal.Indexer;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.SearchApi.ConeSearch;
using DiscoveryPortal.SearchApi.Crawling;
using DiscoveryPortal.SearchApi.Oai;
using DiscoveryPortal.SearchApi.OpenApi;
using DiscoveryPortal.SearchApi.OpenSearch;
using DiscoveryPortal.SearchApi.Quicklooks;
using DiscoveryPortal.SearchApi.Records;
using DiscoveryPortal.SearchApi.Security;
using DiscoveryPortal.SearchApi.Stac;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.SearchApi;

public static class SearchApiExtensions
{
    /// <summary>Everything the API needs: the indexer, JSON settings, problem details, OpenAPI, CORS, compression and health checks.</summary>
    public static IServiceCollection AddSearchApi(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddIndexer(configuration, contentRoot);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            // Numbers are numbers, read and written: the web default also reads "12" and documents every number as a string too.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ErrorProblems>();
        services.AddPortalSecurity(configuration);
        services.AddSearchRateLimit(configuration);
        // No Server header; the security headers set X-Frame-Options on every answer, not only where a form is.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        services.AddApiDocument();
        services.AddSingleton<StacLinks>();
        services.AddSingleton<RecordsLinks>();
        services.AddReadOnlyCors();
        services.AddAnswerCompression();
        services.AddOai(configuration);
        services.AddSingleton<StructuredData.DatasetJsonLd>();
        services.AddSingleton<Snippets.PythonSnippets>();
        services.AddCrawling(configuration);
        services.AddQuicklooks(configuration);
        services.AddHealthChecks().AddCheck<CatalogHealthCheck>("catalog");
        services.AddHostedService<Indexer.Search.IndexFollowerService>();
        services.AddHostedService<Indexer.Sources.HarvestScheduler>();
        services.AddHostedService<ImportWorker>();
        return services;
    }

    /// <summary>The middleware every answer passes (compression, security headers, errors, cross-site check, sign-in, CORS) and every API route, name resolution among them.</summary>
    public static WebApplication MapSearchApi(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseNulCharacterCheck();
        app.UseCrossSiteWriteCheck();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCors();
        app.UseRateLimiter();
        app.MapApiDocument();
        app.MapHealthChecks("/healthz");
        // Every API route in one group, so each one's 4xx problems are documented the same way.
        var api = app.MapGroup("").DocumentProblems();
        api.MapSearchEndpoints();
        api.MapResolveEndpoints();
        api.MapAssetEndpoints();
        api.MapQuicklookEndpoints();
        api.MapLaunchEndpoints();
        api.MapBasketEndpoints();
        api.MapAssetWriteEndpoints();
        api.MapAccountEndpoints();
        api.MapImportEndpoints();
        api.MapSourceEndpoints();
        api.MapConeSearchEndpoints();
        api.MapStacEndpoints();
        api.MapRecordsEndpoints();
        api.MapOaiEndpoints();
        api.MapCrawlerEndpoints();
        api.MapOpenSearchDescriptionEndpoints();
        return app;
    }

    /// <summary>
    /// Before the server starts listening: brings the index up to the catalogue (rebuilding it when it
    /// was missing, damaged or of an older layout), then seeds an empty catalogue from data-samples.
    /// </summary>
    public static async Task SeedCatalogAsync(this WebApplication app)
    {
        var caughtUp = await app.Services.GetRequiredService<Indexer.Search.IndexFollower>().CatchUpAsync(null, app.Lifetime.ApplicationStopping);
        if (caughtUp > 0)
        {
            Console.WriteLine($"Index brought up to the catalogue: {caughtUp:N0} changes applied.");
        }
        var options = app.Services.GetRequiredService<IOptions<CatalogOptions>>().Value;
        if (!options.SeedOnStart)
        {
            return;
        }
        var paths = app.Services.GetRequiredService<ResolvedPaths>();
        var seeder = app.Services.GetRequiredService<CatalogSeeder>();
        var report = await seeder.SeedIfEmptyAsync(paths.SeedDirectory, Console.WriteLine, app.Lifetime.ApplicationStopping);
        if (report is not null)
        {
            Console.WriteLine($"Catalogue seeded: {report}");
        }
    }
}
