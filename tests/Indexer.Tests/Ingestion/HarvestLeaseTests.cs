using Dapper;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;

namespace DiscoveryPortal.Indexer.Tests.Ingestion;

/// <summary>Two processes never harvest one source at once; a killed or silent holder is taken over.</summary>
public sealed class HarvestLeaseTests : IDisposable
{
    private readonly TestCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    private void HeldBy(string host, int pid, DateTimeOffset heartbeat)
    {
        using var connection = _catalog.Database.Open();
        connection.Execute("INSERT OR REPLACE INTO harvest_leases (source_id, host, pid, started_at, heartbeat_at) VALUES ('src', @host, @pid, @at, @at)",
            new { host, pid, at = heartbeat.ToString("O") });
    }

    [Fact]
    public async Task A_live_holder_on_this_host_keeps_the_source_and_the_harvest_is_skipped()
    {
        HeldBy(Environment.MachineName, 1, TestCatalog.Now); // process 1 is always alive
        var leases = _catalog.Get<HarvestLeases>();
        var (lease, heldBy) = await leases.TryAcquireAsync("src", CancellationToken.None);
        Assert.Null(lease);
        Assert.Contains("process 1 on", heldBy, StringComparison.Ordinal);

        var sources = new Connectors.Harvest.SourceFile { Sources = [new() { Id = "src", Title = "S", Kind = "zenodo", Url = "https://zenodo.example/" }] };
        var run = await _catalog.Get<SourceHarvester>().HarvestAsync(sources, "src", null, CancellationToken.None);
        Assert.Equal("skipped", run.Status);
        Assert.Contains("another run of 'src' is under way", run.Errors.Single().Reason, StringComparison.Ordinal);
        Assert.Empty(await _catalog.Catalog.RecentHarvestsAsync("src", 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_killed_holder_or_one_that_stopped_beating_is_taken_over_and_a_released_lease_is_free()
    {
        var leases = _catalog.Get<HarvestLeases>();
        HeldBy(Environment.MachineName, int.MaxValue - 7, TestCatalog.Now); // no such process
        var (taken, _) = await leases.TryAcquireAsync("src", CancellationToken.None);
        Assert.NotNull(taken);
        var (second, _) = await leases.TryAcquireAsync("src", CancellationToken.None);
        Assert.Null(second); // held by this process now
        await taken.DisposeAsync();
        var (free, _) = await leases.TryAcquireAsync("src", CancellationToken.None);
        Assert.NotNull(free);
        await free.DisposeAsync();

        HeldBy("another-host", 42, TestCatalog.Now - HarvestLeases.Stale - TimeSpan.FromSeconds(1));
        var (stale, _) = await leases.TryAcquireAsync("src", CancellationToken.None);
        Assert.NotNull(stale);
        await stale.DisposeAsync();

        HeldBy("another-host", 42, TestCatalog.Now);
        Assert.Null((await leases.TryAcquireAsync("src", CancellationToken.None)).Lease);
    }

    [Fact]
    public async Task A_running_run_whose_lease_holder_is_dead_or_taken_over_is_marked_interrupted_and_a_live_one_is_not()
    {
        var leases = _catalog.Get<HarvestLeases>();
        var ct = CancellationToken.None;
        async Task<long> RunningUnder(string token)
        {
            var run = new HarvestRun("src", TestCatalog.Now, TestCatalog.Now, "full", HarvestRun.Running, 1, 10, 10, 0, 0, 0, 0, []);
            return await _catalog.Catalog.StartHarvestAsync(run, new HarvestHolder(Environment.MachineName, 1, token), ct);
        }
        void Token(string token)
        {
            using var connection = _catalog.Database.Open();
            connection.Execute("UPDATE harvest_leases SET token = @token WHERE source_id = 'src'", new { token });
        }

        HeldBy(Environment.MachineName, 1, TestCatalog.Now); // process 1 is alive, and beat just now
        Token("live");
        await RunningUnder("live");
        Assert.Equal(0, await leases.InterruptDeadRunsAsync(null, ct));

        HeldBy(Environment.MachineName, int.MaxValue - 7, TestCatalog.Now); // its holder was killed
        Token("live");
        Assert.Equal(1, await leases.InterruptDeadRunsAsync("src", ct));

        HeldBy(Environment.MachineName, 1, TestCatalog.Now);
        Token("newer"); // taken over by another run
        await RunningUnder("older");
        Assert.Equal(1, await leases.InterruptDeadRunsAsync(null, ct));
        var runs = await _catalog.Catalog.RecentHarvestsAsync("src", 10, ct);
        Assert.All(runs, r => Assert.Equal(HarvestRun.Interrupted, r.Status));
        Assert.Equal(2, runs.Count);
    }
}
