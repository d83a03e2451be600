using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Curation;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.Indexer.Launch;
using DiscoveryPortal.Indexer.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.Indexer.PostgreSql;

/// <summary>The scale-out backend: every store in one PostgreSQL database (<c>Catalog:ConnectionString</c>) that any number of portal nodes share.</summary>
public static class PostgreSqlStorage
{
    public const string Backend = "postgresql";

    public static IServiceCollection AddPostgreSqlStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CatalogOptions>>().Value;
            return new PostgreSqlDatabase(options.ConnectionString!, options.ReadConnectionString, options.BusySeconds);
        });
        services.AddSingleton<ICatalogStore, PostgreSqlCatalogStore>();
        services.AddSingleton<IAccountStore, PostgreSqlAccountStore>();
        services.AddSingleton<IAuditStore, PostgreSqlAuditStore>();
        services.AddSingleton<ICurationStore, PostgreSqlCurationStore>();
        services.AddSingleton<IBasketStore, PostgreSqlBasketStore>();
        services.AddSingleton<ILaunchStore, PostgreSqlLaunchStore>();
        services.AddSingleton<ISourceStore, PostgreSqlSourceStore>();
        services.AddSingleton<IHarvestLeaseStore, PostgreSqlHarvestLeaseStore>();
        services.AddSingleton<IKeyRingStore, PostgreSqlKeyRingStore>();
        return services;
    }
}
