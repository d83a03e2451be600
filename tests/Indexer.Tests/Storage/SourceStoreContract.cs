using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Zenodo;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Curation;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.Indexer.Sources;

namespace DiscoveryPortal.Indexer.Tests.Storage;

/// <summary>What every backend's <see cref="ISourceStore"/>, <see cref="ICurationStore"/> and <see cref="IHarvestLeaseStore"/> do.</summary>
public abstract class SourceStoreContract<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private readonly TBackend _backend = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    public void Dispose() => _backend.Dispose();

    private async Task<T> WriteAsync<T>(Func<CatalogWrite, Task<T>> work)
    {
        using var write = _backend.Catalog.BeginWrite();
        var result = await work(write);
        write.Commit();
        return result;
    }

    private static RegisteredSource Source(string id, string title) => new(
        new SourceDefinition { Id = id, Title = title, Kind = ZenodoKind.Key, Url = "https://zenodo.example/", Options = new ZenodoOptions { Community = "team" } },
        "alice", TestCatalog.Now, new SourceProbeResult(true, "read", [], ["A title"], 0.5, TestCatalog.Now));

    [StoreFact]
    public async Task A_source_id_is_registered_once_whatever_its_case_and_kept_its_probe_when_replaced_without_one()
    {
        var store = _backend.Get<ISourceStore>();
        Assert.True(await WriteAsync(w => store.AddAsync(w, Source("Team-Src", "First"), Ct)));
        Assert.False(await WriteAsync(w => store.AddAsync(w, Source("team-src", "Again"), Ct)));
        await WriteAsync(async w =>
        {
            await store.ReplaceAsync(w, Source("Team-Src", "Second").Definition, null, Ct);
            return 0;
        });

        var found = await store.FindAsync("TEAM-SRC", Ct);
        Assert.Equal(("Second", "alice", "A title", "team"), (found!.Definition.Title, found.Owner, Assert.Single(found.Probe!.SampleTitles), ((ZenodoOptions)found.Definition.Options!).Community));
        Assert.Equal(["Team-Src"], (await store.AllAsync(Ct)).Select(s => s.Definition.Id));
        Assert.True(await WriteAsync(w => store.RemoveAsync(w, "team-src", Ct)));
        Assert.Empty(await store.AllAsync(Ct));
    }

    [StoreFact]
    public async Task Curations_are_found_by_id_asset_and_doi_and_a_harvested_twin_by_its_doi()
    {
        var store = _backend.Get<ICurationStore>();
        await WriteAsync(async w =>
        {
            await _backend.Catalog.UpsertAsync(w, [
                new CatalogEntry(TestCatalog.Record("old", "Old twin", r => r with { Doi = "10.1234/ABC" })),
                new CatalogEntry(TestCatalog.Record("new", "New twin", r => r with { Doi = "10.1234/abc" })),
                new CatalogEntry(TestCatalog.Record("mine", "Registered", r => r with { SourceId = "team", Id = "team:mine" })),
            ], Ct);
            await store.SaveAllAsync(w, [new CuratedRecord("team:mine", "team:mine", "10.5555/x", new JsonObject { ["title"] = "Registered" }, null, "alice", TestCatalog.Now)], Ct);
            return 0;
        });

        Assert.Equal("alice", (await store.ByRegisteredIdAsync("team:mine", Ct))!.Curator);
        Assert.Equal("Registered", (string?)(await store.ByAssetIdAsync("team:mine", Ct))!.Fields["title"]);
        Assert.Single(await store.MatchingAsync(["nothing"], ["10.5555/x"], Ct));
        Assert.Equal(["team:mine"], (await store.ByRegisteredIdsAsync(["team:mine", "team:other"], Ct)).Keys);
        Assert.Equal(["test:old"], (await store.HarvestedAsync(["test:old", "team:mine"], Ct)).Keys);
        Assert.Equal("test:old", (await store.HarvestedTwinsAsync(["10.1234/abc"], Ct))["10.1234/abc"].Id);

        await WriteAsync(async w =>
        {
            await store.RemoveAsync(w, "team:mine", Ct);
            return 0;
        });
        Assert.Null(await store.ByRegisteredIdAsync("team:mine", Ct));
    }

    [StoreFact]
    public async Task A_lease_is_held_until_its_holder_lets_go_or_the_taker_may_take_it_over()
    {
        var store = _backend.Get<IHarvestLeaseStore>();
        var first = new HarvestHolder("node-a", 100, "token-a");
        var second = new HarvestHolder("node-b", 200, "token-b");
        Assert.Null(await store.TryTakeAsync("Src", first, TestCatalog.Now, _ => true, Ct));
        var held = await store.TryTakeAsync("src", second, TestCatalog.Now, _ => false, Ct);
        Assert.Equal(("node-a", 100L, "token-a"), (held!.Host, held.Pid, held.Token));

        await store.BeatAsync("src", "token-a", TestCatalog.Now.AddMinutes(1));
        await store.ReleaseAsync("src", "token-b"); // not its lease: nothing happens
        var beaten = await store.TryTakeAsync("src", second, TestCatalog.Now, _ => false, Ct);
        Assert.Equal(TestCatalog.Now.AddMinutes(1), beaten!.Heartbeat);

        Assert.Null(await store.TryTakeAsync("src", second, TestCatalog.Now, h => h.Token == "token-a", Ct));
        await store.ReleaseAsync("src", "token-a"); // taken over: the old holder cannot let it go
        Assert.Equal("token-b", (await store.TryTakeAsync("src", first, TestCatalog.Now, _ => false, Ct))!.Token);
        await store.ReleaseAsync("src", "token-b");
        Assert.Null(await store.TryTakeAsync("src", first, TestCatalog.Now, _ => false, Ct));
    }

    [StoreFact]
    public async Task Running_runs_come_with_their_lease_and_are_interrupted_once()
    {
        var store = _backend.Get<IHarvestLeaseStore>();
        var holder = new HarvestHolder("node-a", 100, "token-a");
        await store.TryTakeAsync("src", holder, TestCatalog.Now, _ => true, Ct);
        var run = new HarvestRun("src", TestCatalog.Now, TestCatalog.Now, "full", HarvestRun.Running, 0, 0, 0, 0, 0, 0, 0, []);
        var held = await _backend.Catalog.StartHarvestAsync(run, holder, Ct);
        var orphan = await _backend.Catalog.StartHarvestAsync(run with { SourceId = "gone" }, new HarvestHolder("node-b", 200, "token-b"), Ct);

        var running = (await store.RunningAsync(null, Ct)).ToDictionary(r => r.Id);
        Assert.Equal(("token-a", "token-a"), (running[held].RunToken, running[held].Lease!.Token));
        Assert.Null(running[orphan].Lease);
        Assert.Equal([held], (await store.RunningAsync("src", Ct)).Select(r => r.Id));

        Assert.Equal(1, await store.InterruptAsync([orphan], Ct));
        Assert.Equal(0, await store.InterruptAsync([orphan], Ct));
        Assert.Equal(HarvestRun.Interrupted, (await _backend.Catalog.RecentHarvestsAsync("gone", 1, Ct))[0].Status);
    }
}

public sealed class SqliteSourceStoreTests : SourceStoreContract<SqliteBackend>;

public sealed class PostgreSqlSourceStoreTests : SourceStoreContract<PostgreSqlBackend>;
