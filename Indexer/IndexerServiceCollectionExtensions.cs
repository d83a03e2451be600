using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Indexer.Analysis;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.Indexer.PostgreSql;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Search.Lucene;
using DiscoveryPortal.Indexer.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.Indexer;

public static class IndexerServiceCollectionExtensions
{
    /// <summary>The catalogue, the index and the ingestion pipeline, on the backend <c>Catalog:Backend</c> names.</summary>
    public static IServiceCollection AddIndexer(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<CatalogOptions>()
            .Bind(configuration.GetSection(CatalogOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        var root = DataRoot.Locate(contentRoot);
        services.AddSingleton(sp => ResolvedPaths.From(root, sp.GetRequiredService<IOptions<CatalogOptions>>().Value));
        services.AddSingleton(sp => MissionVocabulary.Load(sp.GetRequiredService<ResolvedPaths>().MissionVocabulary));
        services.AddSingleton(sp => Names.NameResolver.Load(sp.GetRequiredService<ResolvedPaths>().Names));
        services.AddSingleton<RecordNormaliser>();
        // The backend is chosen here; a name that is neither fails the options' validation at start, saying so.
        if (configuration.GetSection(CatalogOptions.Section)[nameof(CatalogOptions.Backend)] == PostgreSqlStorage.Backend)
        {
            services.AddPostgreSqlStorage();
        }
        else
        {
            services.AddSqliteStorage();
        }
        services.AddSingleton(sp => SearchVocabulary.Load(Path.GetDirectoryName(sp.GetRequiredService<ResolvedPaths>().MissionVocabulary)!));
        services.AddSingleton(sp => new IndexLocation(sp.GetRequiredService<ResolvedPaths>().Index));
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.Section));
        services.AddSingleton<LuceneSearchIndex>();
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<LuceneSearchIndex>());
        services.AddSingleton<IndexFollower>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<CatalogSeeder>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<ImportJobs>();
        services.AddSingleton<HarvestRunner>();
        services.AddSingleton<SourceHarvester>();
        services.AddSingleton<HarvestLeases>();
        services.AddSingleton<Sources.SourceRegistry>();
        services.AddSingleton<Sources.SourceProbe>();
        services.AddSingleton<Sources.SourceRegistration>();
        services.AddSingleton<Sources.HarvestCoordinator>();
        services.AddOptions<Sources.HarvestScheduleOptions>().Bind(configuration.GetSection(Sources.HarvestScheduleOptions.Section));
        services.AddSingleton<Launch.LaunchService>();
        services.AddSingleton<Launch.BasketService>();
        services.AddSingleton<Accounts.AccountService>();
        services.AddSingleton<Accounts.AuditLog>();
        services.AddSingleton<Curation.RecordCuration>();
        services.AddSingleton<Curation.CurationMerger>();
        services.AddSingleton<Curation.MergeScope>();
        services.AddHttpClient(Launch.LaunchService.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(5));
        services.AddOptions<OutboundOptions>().Bind(configuration.GetSection(OutboundOptions.Section));
        services.AddSingleton(sp => new OutboundGuard(sp.GetRequiredService<IOptions<OutboundOptions>>().Value.Allow));
        services.AddHttpClient(SourceHarvester.HttpClientName, http =>
        {
            http.Timeout = Timeout.InfiniteTimeSpan; // each request has its own timeout in the retry pipeline
            http.DefaultRequestHeaders.UserAgent.ParseAdd("DiscoveryPortal-Harvester/1.0");
        }).ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<OutboundGuard>().CreateHandler());
        return services;
    }
}

/// <summary>The configured paths, made absolute against the data root.</summary>
public sealed record ResolvedPaths(string Catalog, string Index, string MissionVocabulary, string SeedDirectory, string Sources, string Facilities, string Names)
{
    public static ResolvedPaths From(string root, CatalogOptions options) => new(
        DataRoot.Resolve(root, options.Path),
        // The index's own folder beside the catalogue file: App_Data/catalog.db → App_Data/catalog.index.
        DataRoot.Resolve(root, options.IndexPath ?? System.IO.Path.ChangeExtension(options.Path, ".index")),
        DataRoot.Resolve(root, options.MissionVocabulary),
        DataRoot.Resolve(root, options.SeedDirectory),
        DataRoot.Resolve(root, options.Sources),
        DataRoot.Resolve(root, options.Facilities),
        DataRoot.Resolve(root, options.Names));
}
