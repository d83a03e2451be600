using Dapper;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Sqlite;

namespace DiscoveryPortal.Indexer.Tests.Catalog;

public class SqliteDatabaseTests
{
    [Fact]
    public void Applies_every_schema_script_once_and_records_the_version()
    {
        using var catalog = new TestCatalog();
        var latest = SqliteDatabase.Scripts.Max(s => s.Version);

        Assert.Equal(latest, catalog.Database.SchemaVersion);
        var again = new SqliteDatabase(catalog.DatabasePath);
        Assert.Equal(latest, again.SchemaVersion);
        using var connection = again.Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT count(*) FROM sqlite_master WHERE name = 'asset_text'"));
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT count(*) FROM catalog_sequence"));
    }

    [Fact]
    public async Task Processes_opening_a_new_catalogue_at_once_migrate_it_once()
    {
        var directory = Path.Combine(Path.GetTempPath(), "portal-migrate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "catalog.db");
            using var start = new ManualResetEventSlim();
            var opening = Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            {
                start.Wait();
                return new SqliteDatabase(path).SchemaVersion;
            })).ToList();
            start.Set();

            var versions = await Task.WhenAll(opening);

            Assert.All(versions, v => Assert.Equal(SqliteDatabase.Scripts.Max(s => s.Version), v));
            using var connection = new SqliteDatabase(path).Open();
            Assert.Equal(1, connection.ExecuteScalar<int>("SELECT count(*) FROM catalog_sequence"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Keeps_the_native_record_and_checkpoints()
    {
        using var catalog = new TestCatalog();
        await catalog.Pipeline.IngestAsync([new CatalogEntry(TestCatalog.Record("n", "Native"), "<row>raw</row>", "application/xml")], CancellationToken.None);
        await catalog.Catalog.SetCheckpointAsync("test", "cursor", "42", CancellationToken.None);
        await catalog.Catalog.SetCheckpointAsync("test", "cursor", "43", CancellationToken.None);

        var stored = await catalog.Catalog.GetAsync("test:n", CancellationToken.None);
        Assert.Equal(("<row>raw</row>", "application/xml"), (stored!.Native, stored.NativeType));
        Assert.Equal("43", await catalog.Catalog.GetCheckpointAsync("test", "cursor", CancellationToken.None));
        Assert.Null(await catalog.Catalog.GetCheckpointAsync("test", "other", CancellationToken.None));
    }

    [Fact]
    public async Task A_bad_record_in_a_batch_is_reported_and_the_good_ones_land()
    {
        using var catalog = new TestCatalog();
        var report = await catalog.Pipeline.IngestAsync(
        [
            new CatalogEntry(TestCatalog.Record("good", "Good")),
            new CatalogEntry(TestCatalog.Record("bad", "Bad", r => r with { Domain = "Astrology" })),
            new CatalogEntry(TestCatalog.Record("url", "Bad URL", r => r with { LandingPage = "javascript:alert(1)" })),
        ], CancellationToken.None);

        Assert.Equal(1, report.Added);
        Assert.Equal(2, report.Failed);
        Assert.Contains(report.Problems, p => p.Where == "test:bad" && p.Problems.Any(x => x.Field == "domain"));
        Assert.Equal(1, await catalog.Catalog.CountAsync(CancellationToken.None));
    }
}
