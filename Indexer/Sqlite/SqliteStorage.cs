using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Curation;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.Indexer.Launch;
using DiscoveryPortal.Indexer.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.Indexer.Sqlite;

/// <summary>The embedded backend: every store in one SQLite file (<c>Catalog:Path</c>).</summary>
public static class SqliteStorage
{
    public const string Backend = "sqlite";

    public static IServiceCollection AddSqliteStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<ResolvedPaths>().Catalog, sp.GetRequiredService<IOptions<CatalogOptions>>().Value.BusySeconds));
        services.AddSingleton<ICatalogStore, SqliteCatalogStore>();
        services.AddSingleton<IAccountStore, SqliteAccountStore>();
        services.AddSingleton<IAuditStore, SqliteAuditStore>();
        services.AddSingleton<ICurationStore, SqliteCurationStore>();
        services.AddSingleton<IBasketStore, SqliteBasketStore>();
        services.AddSingleton<ILaunchStore, SqliteLaunchStore>();
        services.AddSingleton<ISourceStore, SqliteSourceStore>();
        services.AddSingleton<IHarvestLeaseStore, SqliteHarvestLeaseStore>();
        services.AddSingleton<IKeyRingStore, SqliteKeyRingStore>();
        return services;
    }
}
