using DiscoveryPortal.Indexer;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests;

/// <summary>The API-only host on a temporary catalogue seeded from data-samples/seed, shared by a test class.</summary>
public sealed class ApiFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-api-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Catalog:Path", Path.Combine(_directory, "catalog.db"));
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
