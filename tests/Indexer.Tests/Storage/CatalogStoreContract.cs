using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Tests.Storage;

/// <summary>What every backend's <see cref="ICatalogStore"/> does: numbered changes, one write, checkpoints and harvest runs.</summary>
public abstract class CatalogStoreContract<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private readonly TBackend _backend = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    public void Dispose() => _backend.Dispose();

    private ICatalogStore Catalog => _backend.Catalog;

    private async Task<UpsertResult> UpsertAsync(params AssetRecord[] records)
    {
        using var write = Catalog.BeginWrite();
        var result = await Catalog.UpsertAsync(write, records.Select(r => new CatalogEntry(r, "<native/>", "text/xml")).ToList(), Ct);
        write.Commit();
        return result;
    }

    [StoreFact]
    public async Task Upserts_number_each_change_and_an_identical_record_changes_nothing()
    {
        var first = await UpsertAsync(TestCatalog.Record("a", "Alpha"), TestCatalog.Record("b", "Beta"));
        Assert.Equal(["test:a", "test:b"], first.Added);
        Assert.Equal([1L, 2L], first.Changes.Select(c => c.Sequence));
        Assert.All(first.Changes, c => Assert.True(c.New));

        var second = await UpsertAsync(TestCatalog.Record("a", "Alpha"), TestCatalog.Record("b", "Beta changed"));
        Assert.Empty(second.Added);
        Assert.Equal(["test:b"], second.Updated);
        Assert.Equal(1, second.Unchanged);
        var change = Assert.Single(second.Changes);
        Assert.Equal((3L, first.Changes[1].Ordinal, false), (change.Sequence, change.Ordinal, change.New));

        var position = await Catalog.PositionAsync(Ct);
        Assert.Equal(3, position.Sequence);
        Assert.False(string.IsNullOrEmpty(position.CatalogId));
        var stored = await Catalog.GetAsync("test:b", Ct);
        Assert.Equal(("Beta changed", "<native/>", "text/xml"), (stored!.Record.Title, stored.Native, stored.NativeType));
        Assert.Equal(2, await Catalog.CountAsync(Ct));
    }

    [StoreFact]
    public async Task Changes_after_a_number_give_withdrawals_and_removals_in_order()
    {
        await UpsertAsync(TestCatalog.Record("a", "Alpha"), TestCatalog.Record("b", "Beta"), TestCatalog.Record("c", "Gamma"));
        using (var write = Catalog.BeginWrite())
        {
            Assert.Equal(["test:a"], await Catalog.WithdrawAsync(write, ["test:a", "test:missing"], Ct));
            Assert.Equal(["test:b"], await Catalog.DeleteAsync(write, ["test:b"], Ct));
            write.Commit();
        }
        var all = await Catalog.ChangesAsync(0, 100, Ct);
        Assert.Equal([3L, 4L, 5L], all.Select(c => c.Sequence));
        Assert.Equal(["test:c", "test:a", "test:b"], all.Select(c => c.Id));
        Assert.Equal([true, false, false], all.Select(c => c.Record is not null));

        var later = await Catalog.ChangesAsync(3, 1, Ct);
        Assert.Equal("test:a", Assert.Single(later).Id);
        Assert.Null(await Catalog.GetAsync("test:b", Ct));
        Assert.NotNull((await Catalog.GetAsync("test:a", Ct))!.WithdrawnAt);
        Assert.Equal(["Gamma"], await Catalog.AllAsync(Ct).Select(r => r.Title).ToListAsync());
        Assert.Equal(["test:c"], await Catalog.IdsOfSourceAsync("test", Ct));
    }

    [StoreFact]
    public async Task Records_by_document_number_leave_out_withdrawn_removed_and_unknown_numbers()
    {
        var added = await UpsertAsync(TestCatalog.Record("a", "Alpha"), TestCatalog.Record("b", "Beta"), TestCatalog.Record("c", "Gamma"), TestCatalog.Record("d", "Delta"));
        var ordinal = added.Changes.ToDictionary(c => c.Id, c => c.Ordinal);
        using (var write = Catalog.BeginWrite())
        {
            await Catalog.WithdrawAsync(write, ["test:b"], Ct);
            await Catalog.DeleteAsync(write, ["test:c"], Ct);
            write.Commit();
        }
        await UpsertAsync(TestCatalog.Record("d", "Delta revised"));

        var records = await Catalog.RecordsAsync([ordinal["test:d"], ordinal["test:a"], ordinal["test:b"], ordinal["test:c"], 9_999], Ct);

        Assert.Equal([ordinal["test:a"], ordinal["test:d"]], records.Keys.Order());
        Assert.Equal(("test:a", "Alpha"), (records[ordinal["test:a"]].Id, records[ordinal["test:a"]].Title));
        Assert.Equal("Delta revised", records[ordinal["test:d"]].Title);
        Assert.Empty(await Catalog.RecordsAsync([], Ct));
        // A long page (a cone search's rows) is one read however many numbers it asks for.
        var many = await UpsertAsync(Enumerable.Range(0, 1500).Select(i => TestCatalog.Record($"m{i}", $"Many {i}")).ToArray());
        Assert.Equal(1500, (await Catalog.RecordsAsync(many.Changes.Select(c => c.Ordinal).ToList(), Ct)).Count);
    }

    [StoreFact]
    public async Task A_write_sees_its_own_changes_and_keeps_none_of_them_uncommitted()
    {
        using (var write = Catalog.BeginWrite())
        {
            await Catalog.UpsertAsync(write, [new CatalogEntry(TestCatalog.Record("a", "Alpha"))], Ct);
            await Catalog.SetCheckpointAsync(write, "test", "page", "2", Ct);
            Assert.Equal("Alpha", (await Catalog.GetAsync(write, "test:a", Ct))!.Record.Title);
        }
        Assert.Null(await Catalog.GetAsync("test:a", Ct));
        Assert.Null(await Catalog.GetCheckpointAsync("test", "page", Ct));
        Assert.Equal(0, (await Catalog.PositionAsync(Ct)).Sequence);
    }

    [StoreFact]
    public async Task Writes_at_once_take_numbers_in_turn_without_gaps()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => UpsertAsync(
            Enumerable.Range(0, 25).Select(j => TestCatalog.Record($"{i}-{j}", $"Record {i} {j}")).ToArray()))));
        var changes = await Catalog.ChangesAsync(0, 1000, Ct);
        Assert.Equal(Enumerable.Range(1, 100).Select(n => (long)n), changes.Select(c => c.Sequence));
        Assert.Equal(100, changes.Select(c => c.Ordinal).Distinct().Count());
    }

    [StoreFact]
    public async Task Checkpoints_are_set_replaced_and_removed()
    {
        await Catalog.SetCheckpointAsync("src", "resume", "one", Ct);
        await Catalog.SetCheckpointAsync("src", "resume", "two", Ct);
        Assert.Equal("two", await Catalog.GetCheckpointAsync("src", "resume", Ct));
        await Catalog.RemoveCheckpointAsync("src", "resume", Ct);
        Assert.Null(await Catalog.GetCheckpointAsync("src", "resume", Ct));
    }

    [StoreFact]
    public async Task A_running_harvest_moves_until_it_ends_and_the_latest_come_first()
    {
        await UpsertAsync(TestCatalog.Record("a", "Alpha"));
        var run = new HarvestRun("test", TestCatalog.Now, TestCatalog.Now, "full", HarvestRun.Running, 0, 0, 0, 0, 0, 0, 0, []);
        var id = await Catalog.StartHarvestAsync(run, new HarvestHolder("host", 42, "token"), Ct);
        Assert.True(await Catalog.UpdateHarvestAsync(null, id, run with { Pages = 1, RowsRead = 10, Added = 1 }, Ct));
        Assert.Null(Assert.Single(await Catalog.RecentHarvestsAsync("test", 10, Ct)).Records);
        Assert.True(await Catalog.UpdateHarvestAsync(null, id, run with { Status = "completed", Pages = 2, Errors = [new HarvestError("page 2", "bad row", "<x/>")] }, Ct));
        Assert.False(await Catalog.UpdateHarvestAsync(null, id, run with { Status = "failed" }, Ct));
        await Catalog.RecordHarvestAsync(run with { SourceId = "other", Status = "failed" }, Ct);

        var recent = await Catalog.RecentHarvestsAsync(null, 10, Ct);
        Assert.Equal(["other", "test"], recent.Select(r => r.SourceId));
        var done = recent[1];
        Assert.Equal(("completed", 2, 1L, "bad row"), (done.Status, done.Pages, done.Records, Assert.Single(done.Errors).Reason));
    }
}

public sealed class SqliteCatalogStoreTests : CatalogStoreContract<SqliteBackend>;

public sealed class PostgreSqlCatalogStoreTests : CatalogStoreContract<PostgreSqlBackend>;
