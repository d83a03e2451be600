using System.Runtime.CompilerServices;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;

namespace DiscoveryPortal.Indexer.Tests.Ingestion;

/// <summary>
/// A harvest run is recorded when it starts and counts each page as it commits, so a run whose process
/// stopped (here: hung with its lease no longer beaten) is found by the next holder of the source's lease,
/// marked interrupted with what it stored, and the resumed run counts only its own pages.
/// </summary>
public sealed class HarvestRunnerTests
{
    /// <summary>Pages of ten records keyed k1, k2, ...; before page <paramref name="hangBefore"/> it hangs, as a process that stopped would.</summary>
    private sealed class PagedConnector(int pages, int hangBefore = 0) : IHarvestConnector
    {
        public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool SupportsIncremental => false;

        public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
        {
            var first = cursor.AfterKey is null ? 1 : int.Parse(cursor.AfterKey[1..], System.Globalization.CultureInfo.InvariantCulture) + 1;
            for (var page = first; page <= pages; page++)
            {
                if (page == hangBefore)
                {
                    Hanging.TrySetResult();
                    await Task.Delay(Timeout.Infinite, ct);
                }
                var records = Enumerable.Range(1, 10).Select(i => new AssetRecord { Id = $"src:p{page}-{i}", SourceId = "src", Title = $"Page {page} record {i}", Description = "Harvested." }).ToList();
                yield return new HarvestPage(records, [], $"k{page}", null);
            }
        }

        public IAsyncEnumerable<string>? CurrentIdsAsync(CancellationToken ct) => null;

        public Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AssetRecord>>([]);
    }

    [Fact]
    public async Task A_run_whose_process_stopped_is_marked_interrupted_with_what_it_stored_by_the_next_run_which_counts_only_its_own()
    {
        var ct = CancellationToken.None;
        using var first = new TestCatalog();
        using var stopping = new CancellationTokenSource();
        var hanging = new PagedConnector(4, hangBefore: 3);
        var firstRun = first.Get<SourceHarvester>().HarvestAsync("src", () => hanging, null, stopping.Token);
        await hanging.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var running = Assert.Single(await first.Catalog.RecentHarvestsAsync("src", 10, ct));
        Assert.Equal((HarvestRun.Running, 2, 20), (running.Status, running.Pages, running.Added));

        // Another process, past the lease's stale time: the first one has not beaten its lease since, as when it was killed.
        var later = new TestCatalog.FixedClock(TestCatalog.Now + HarvestLeases.Stale + TimeSpan.FromMinutes(1));
        using var second = new TestCatalog(first.DatabasePath, later, Path.Combine(first.Directory, "second.index"));
        var resumed = await second.Get<SourceHarvester>().HarvestAsync("src", () => new PagedConnector(4), null, ct);

        Assert.Equal(("completed", "resumed", 2, 20), (resumed.Status, resumed.Mode, resumed.Pages, resumed.Added));
        var runs = await second.Catalog.RecentHarvestsAsync("src", 10, ct);
        Assert.Equal(2, runs.Count);
        Assert.Equal((HarvestRun.Interrupted, "full", 2, 20, 20, (long?)20), (runs[1].Status, runs[1].Mode, runs[1].Pages, runs[1].RowsRead, runs[1].Added, runs[1].Records));
        Assert.Equal(((long?)40, 40L), (runs[0].Records, await second.Catalog.CountAsync(ct)));

        // The first process stopping at last leaves its record as the next run marked it.
        await stopping.CancelAsync();
        Assert.Equal("cancelled", (await firstRun).Status);
        Assert.Equal(HarvestRun.Interrupted, (await second.Catalog.RecentHarvestsAsync("src", 10, ct))[1].Status);
    }

    [Fact]
    public async Task A_run_counts_every_committed_page_while_it_runs_and_ends_completed()
    {
        using var catalog = new TestCatalog();
        var connector = new PagedConnector(5, hangBefore: 4);
        using var stopping = new CancellationTokenSource();
        var run = catalog.Get<SourceHarvester>().HarvestAsync("src", () => connector, null, stopping.Token);
        await connector.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var seen = Assert.Single(await catalog.Catalog.RecentHarvestsAsync("src", 10, CancellationToken.None));
        Assert.Equal((HarvestRun.Running, 3, 30, 30), (seen.Status, seen.Pages, seen.RowsRead, seen.Added));
        Assert.Equal("k3", await catalog.Catalog.GetCheckpointAsync("src", HarvestRunner.ResumeKey, CancellationToken.None));

        await stopping.CancelAsync();
        var cancelled = await run;
        var recorded = Assert.Single(await catalog.Catalog.RecentHarvestsAsync("src", 10, CancellationToken.None));
        Assert.Equal(("cancelled", 3, 30), (recorded.Status, recorded.Pages, recorded.Added));
        Assert.Equal(cancelled.Added, recorded.Added);
    }
}
