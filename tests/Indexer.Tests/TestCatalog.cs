using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DiscoveryPortal.Indexer.Tests;

/// <summary>The real indexer on a temporary SQLite file, with a fixed clock.</summary>
public sealed class TestCatalog : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private readonly bool _ownsDirectory;

    /// <param name="path">A catalogue file to open (by default a new one in a folder of its own).</param>
    /// <param name="clock">The clock (by default fixed at <see cref="Now"/>).</param>
    /// <param name="indexPath">The index folder (by default beside the catalogue).</param>
    public TestCatalog(string? path = null, TimeProvider? clock = null, string? indexPath = null)
    {
        _ownsDirectory = path is null;
        Directory = path is null ? Path.Combine(Path.GetTempPath(), "portal-test-" + Guid.NewGuid().ToString("N")) : Path.GetDirectoryName(path)!;
        DatabasePath = path ?? Path.Combine(Directory, "catalog.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Catalog:Path"] = DatabasePath, ["Catalog:IndexPath"] = indexPath })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(clock ?? new FixedClock(Now));
        services.AddIndexer(configuration, AppContext.BaseDirectory);
        _services = services.BuildServiceProvider();
        // As the portal does before it serves: the index catches up with what the catalogue holds.
        Get<IndexFollower>().CatchUpAsync(null, CancellationToken.None).GetAwaiter().GetResult();
    }

    public string Directory { get; }
    public string DatabasePath { get; }
    public ICatalogStore Catalog => _services.GetRequiredService<ICatalogStore>();
    public ISearchIndex Index => _services.GetRequiredService<ISearchIndex>();
    public IngestionPipeline Pipeline => _services.GetRequiredService<IngestionPipeline>();
    public SqliteDatabase Database => _services.GetRequiredService<SqliteDatabase>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async Task<IngestReport> AddAsync(params AssetRecord[] records)
    {
        var report = await Pipeline.IngestAsync(records.Select(r => new CatalogEntry(r)).ToList(), CancellationToken.None);
        Assert.True(report.Failed == 0, string.Join("; ", report.Problems.SelectMany(p => p.Problems)));
        return report;
    }

    public Task<SearchResult> SearchAsync(SearchRequest request) => Index.SearchAsync(request, CancellationToken.None);

    public static AssetRecord Record(string id, string title, Func<AssetRecord, AssetRecord>? change = null)
    {
        var record = new AssetRecord { Id = "test:" + id, SourceId = "test", Title = title, Description = title + " description" };
        return change is null ? record : change(record);
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDirectory)
        {
            return;
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
