using DiscoveryPortal.Indexer.Launch;

namespace DiscoveryPortal.Indexer.Tests.Storage;

/// <summary>What every backend's <see cref="ILaunchStore"/> and <see cref="IBasketStore"/> do.</summary>
public abstract class LaunchStoreContract<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private readonly TBackend _backend = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    public void Dispose() => _backend.Dispose();

    [StoreFact]
    public async Task A_manifest_and_its_launches_are_kept_and_listed_by_owner_newest_first()
    {
        var store = _backend.Get<ILaunchStore>();
        var manifest = new DataManifest("m1", TestCatalog.Now, "topcat", [new ManifestItem("test:a", "Alpha", "test", null, null, ["image"])],
            [new ManifestFile("https://example.org/a.fits", "a.fits", "test:a", "application/fits", 2880, null)]);
        await store.SaveAsync(manifest, Ct);
        await store.RecordAsync(new LaunchRecord("l1", "m1", "topcat", "hub", "alice", "started", "https://hub/user/alice", null, TestCatalog.Now, 1200), Ct);
        await store.RecordAsync(new LaunchRecord("l2", "m1", "topcat", "hub", "alice", "failed", null, "refused", TestCatalog.Now.AddMinutes(1), null), Ct);
        await store.RecordAsync(new LaunchRecord("l3", "m1", "topcat", "hub", "bob", "started", null, null, TestCatalog.Now, null), Ct);

        var read = await store.GetManifestAsync("m1", Ct);
        Assert.Equal(("topcat", "Alpha", 2880L), (read!.ToolId, Assert.Single(read.Items).Title, Assert.Single(read.Files).SizeBytes));
        Assert.Null(await store.GetManifestAsync("m2", Ct));
        Assert.Equal(["l2", "l1"], (await store.HistoryAsync("alice", null, 10, Ct)).Select(l => l.Id));
        Assert.Equal(["l2"], (await store.HistoryAsync("alice", "m1", 1, Ct)).Select(l => l.Id));
        Assert.Empty(await store.HistoryAsync("alice", "m2", 10, Ct));
        Assert.Equal(1200, (await store.HistoryAsync("alice", null, 10, Ct))[1].ReadyMs);
    }

    [StoreFact]
    public async Task A_basket_keeps_its_items_in_order_up_to_its_limit()
    {
        var store = _backend.Get<IBasketStore>();
        await store.CreateAsync("b1", TestCatalog.Now, Ct);
        Assert.Equal(new BasketAddition(0, 3, true), await store.AddItemsAsync("b1", ["c", "a", "b", "a"], 5, TestCatalog.Now, Ct));
        Assert.Equal(new BasketAddition(3, 3, false), await store.AddItemsAsync("b1", ["a", "d", "e", "f"], 5, TestCatalog.Now, Ct));
        Assert.Equal(new BasketAddition(3, 1, true), await store.AddItemsAsync("b1", ["d"], 5, TestCatalog.Now.AddMinutes(1), Ct));
        Assert.Null(await store.AddItemsAsync("b2", ["a"], 5, TestCatalog.Now, Ct));
        await store.RemoveItemsAsync("b1", ["a", "z"], TestCatalog.Now.AddMinutes(2), Ct);

        var basket = await store.GetAsync("b1", Ct);
        Assert.Equal(["c", "b", "d"], basket!.AssetIds);
        Assert.Equal((TestCatalog.Now, TestCatalog.Now.AddMinutes(2)), (basket.Created, basket.Updated));
        Assert.Null(await store.GetAsync("b2", Ct));
    }

    [StoreFact]
    public async Task An_account_has_one_basket_which_a_new_one_replaces()
    {
        await _backend.Get<Accounts.IAccountStore>().AddAsync(new Accounts.Account("alice", Accounts.Roles.Researcher, [], []), "hash", TestCatalog.Now, Ct);
        var store = _backend.Get<IBasketStore>();
        Assert.Null(await store.UserBasketAsync("alice", Ct));
        await store.CreateAsync("b1", TestCatalog.Now, Ct);
        await store.CreateAsync("b2", TestCatalog.Now, Ct);
        await store.SetUserBasketAsync("alice", "b1", Ct);
        await store.SetUserBasketAsync("alice", "b2", Ct);
        Assert.Equal("b2", await store.UserBasketAsync("alice", Ct));
    }
}

public sealed class SqliteLaunchStoreTests : LaunchStoreContract<SqliteBackend>;

public sealed class PostgreSqlLaunchStoreTests : LaunchStoreContract<PostgreSqlBackend>;
