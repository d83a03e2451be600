using System.Text;
using Dapper;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Curation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Tests.Storage;

/// <summary>How every backend keeps records (<see cref="StoredRecord"/>): catalogues of the schema before it are moved over whole, and a damaged value names its asset.</summary>
public abstract class StoredRecordContract<TBackend>(int versionBefore) : IDisposable where TBackend : StoreBackend, new()
{
    private readonly TBackend _backend = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    public void Dispose() => _backend.Dispose();

    private static AssetRecord[] Records() =>
    [
        TestCatalog.Record("a", "Alpha", r => r with { Doi = "10.5555/Twin-A", HarvestedAt = TestCatalog.Now.AddDays(-3), Keywords = ["galaxies", "Örsted"] }),
        TestCatalog.Record("b", "Beta", r => r with { Domain = Domains.EarthObservation, HarvestedAt = TestCatalog.Now.AddDays(-2) }),
        TestCatalog.Record("c", "Gamma", r => r with { HarvestedAt = TestCatalog.Now.AddDays(-1) }),
    ];

    private static async Task<UpsertResult> UpsertAsync(ICatalogStore catalog, params AssetRecord[] records)
    {
        using var write = catalog.BeginWrite();
        var result = await catalog.UpsertAsync(write, records.Select(r => new CatalogEntry(r)).ToList(), Ct);
        write.Commit();
        return result;
    }

    [StoreFact]
    public async Task A_catalogue_of_the_schema_before_is_moved_over_with_its_records_unchanged_and_packed()
    {
        _backend.CreateAt(versionBefore);
        var records = Records();
        using (var connection = _backend.Connect())
        {
            // Rows as the stores of that schema wrote them: the record's content JSON, its hash, ISO times.
            for (var i = 0; i < records.Length; i++)
            {
                var r = records[i];
                var (json, hash) = RecordJson.Content(r);
                connection.Execute(
                    "INSERT INTO assets (ordinal, id, source_id, record_json, content_hash, harvested_at, updated_at, withdrawn_at, asset_type, change_seq) " +
                    "VALUES (@ordinal, @id, @source, @json, @hash, @harvested, @updated, @withdrawn, @type, @ordinal)",
                    new
                    {
                        ordinal = (long)i + 1,
                        id = r.Id,
                        source = r.SourceId,
                        json = Encoding.UTF8.GetString(json),
                        hash = Convert.ToHexStringLower(hash), // the old schema kept it as hex text
                        harvested = StoredTime.Format(r.HarvestedAt),
                        updated = StoredTime.Format(TestCatalog.Now),
                        withdrawn = i == 2 ? StoredTime.Format(TestCatalog.Now) : null,
                        type = r.AssetType.ToString().ToLowerInvariant(),
                    });
            }
            connection.Execute("UPDATE catalog_sequence SET value = 3");
        }

        var catalog = _backend.Catalog;

        using (var connection = _backend.Connect())
        {
            Assert.All(connection.Query<byte[]>("SELECT record FROM assets ORDER BY ordinal"), stored => Assert.Equal(0x01, stored[0]));
            Assert.All(connection.Query<byte[]>("SELECT content_hash FROM assets"), hash => Assert.Equal(32, hash.Length));
        }
        foreach (var r in records)
        {
            Assert.Equal(RecordJson.Serialize(r), RecordJson.Serialize((await catalog.GetAsync(r.Id, Ct))!.Record));
        }
        Assert.Equal(["Alpha", "Beta"], await catalog.AllAsync(Ct).Select(r => r.Title).ToListAsync());
        var changes = await catalog.ChangesAsync(0, 10, Ct);
        Assert.Equal([("test:a", true), ("test:b", true), ("test:c", false)], changes.Select(c => (c.Id, c.Record is not null)));
        var twins = await _backend.Get<ICurationStore>().HarvestedTwinsAsync(["10.5555/twin-a"], Ct);
        Assert.Equal(["test:a"], twins.Values.Select(r => r.Id));
        var earth = await catalog.ChangedAsync(new ChangeWindow(10) { Domain = Domains.EarthObservation }, Ct);
        Assert.Equal(["test:b"], earth.Select(s => s.Record.Id));
        // The hashes came over as they were: the same records again are no change.
        Assert.Equal(2, (await UpsertAsync(catalog, records[0], records[1])).Unchanged);
    }

    [StoreFact]
    public async Task A_damaged_record_is_an_error_naming_it_and_listings_go_on_without_it()
    {
        var log = new LogSink();
        using var node = _backend.Node(s => s.AddSingleton(log).AddSingleton(typeof(ILogger<>), typeof(SinkLogger<>)));
        var catalog = node.GetRequiredService<ICatalogStore>();
        await UpsertAsync(catalog, Records());
        using (var connection = _backend.Connect())
        {
            connection.Execute("UPDATE assets SET record = @bad WHERE id = 'test:b'", new { bad = new byte[] { 0x01, 0xFF, 0x00, 0x13 } });
        }

        var e = await Assert.ThrowsAsync<StoredRecordException>(() => catalog.GetAsync("test:b", Ct));
        Assert.Contains("asset 'test:b' cannot be read", e.Message, StringComparison.Ordinal);
        Assert.Equal(["Alpha", "Gamma"], await catalog.AllAsync(Ct).Select(r => r.Title).ToListAsync());
        Assert.Equal(["test:a", "test:c"], (await catalog.ChangedAsync(new ChangeWindow(10), Ct)).Select(s => s.Record.Id).Order());
        // The index is told the damaged record is gone, rather than kept on an old version of it.
        var changes = await catalog.ChangesAsync(0, 10, Ct);
        Assert.Equal([true, false, true], changes.Select(c => c.Record is not null));
        // A page of hits shows the others.
        Assert.Equal(["test:a", "test:c"], (await catalog.RecordsAsync(changes.Select(c => c.Ordinal).ToList(), Ct)).Values.Select(r => r.Id).Order());
        Assert.Equal(4, log.Errors.Count);
        Assert.All(log.Errors, m => Assert.Contains("asset 'test:b' cannot be read", m, StringComparison.Ordinal));
    }
}

/// <summary>The errors a test's services logged.</summary>
public sealed class LogSink
{
    public List<string> Errors { get; } = [];
}

/// <summary>A logger that keeps errors in a <see cref="LogSink"/>.</summary>
public sealed class SinkLogger<T>(LogSink sink) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error)
        {
            lock (sink)
            {
                sink.Errors.Add(formatter(state, exception));
            }
        }
    }
}

public sealed class SqliteStoredRecordTests() : StoredRecordContract<SqliteBackend>(13);

public sealed class PostgreSqlStoredRecordTests() : StoredRecordContract<PostgreSqlBackend>(6);
