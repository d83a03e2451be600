using DiscoveryPortal.Indexer;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.Indexer.Tests.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests;

/// <summary>
/// The API-only host on a temporary catalogue seeded from data-samples/seed, shared by a test class: a SQLite
/// file, or with PORTAL_TEST_BACKEND=postgresql a database of its own on the portal's PostgreSQL cluster.
/// </summary>
public sealed class ApiFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-api-" + Guid.NewGuid().ToString("N"));
    private readonly PostgreSqlTestDatabase? _database = PostgreSqlTestDatabase.ForPortalTests ? new() : null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Catalog:Path", Path.Combine(_directory, "catalog.db"));
        foreach (var (key, value) in _database?.Settings ?? [])
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Catalog:SeedOnStart", "false");
        // The suites run many searches from one in-process address; the search limit has its own tests.
        builder.UseSetting("SearchLimit:RequestsPerSecond", "10000");
        builder.UseSetting("SearchLimit:Burst", "100000");
    }

    public async Task InitializeAsync()
    {
        var paths = Services.GetRequiredService<ResolvedPaths>();
        var report = await Services.GetRequiredService<CatalogSeeder>().SeedIfEmptyAsync(paths.SeedDirectory, _ => { }, CancellationToken.None);
        Assert.NotNull(report);
        Assert.Equal(0, report.Failed);
        SeededCount = report.Added;
    }

    public int SeededCount { get; private set; }

    Task IAsyncLifetime.DisposeAsync()
    {
        Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database?.Dispose();
        try
        {
            TemporaryFolder.Delete(_directory);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}
