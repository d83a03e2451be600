namespace DiscoveryPortal.SearchApi.Tests.Harvest;

/// <summary>Harvests through a proxy that spoils DaCHS's answers: retried where it is passing, reported and harmless where it is not.</summary>
[Collection("dachs")]
public sealed class BrokenSourceTests
{
    [DachsFact]
    public async Task Overloaded_answers_are_retried_and_the_harvest_completes()
    {
        var failed = 0;
        await using var proxy = await FaultyTapProxy.StartAsync((n, query) =>
            query.Contains("TOP 500", StringComparison.Ordinal) && Interlocked.Increment(ref failed) <= 2 ? Fault.ServiceUnavailable : Fault.None);
        using var host = new HarvestHost();
        var run = await host.HarvestAsync(sources: host.Sources(s => s.Url = proxy.TapUrl.ToString()));
        Assert.Equal("completed", run.Status);
        Assert.Equal(2100, run.RowsRead);
        Assert.True(failed >= 2, "the proxy never refused a page");
    }

    [DachsFact]
    public async Task A_page_that_stays_broken_is_reported_and_changes_nothing_stored()
    {
        using var host = new HarvestHost();
        Assert.Equal("completed", (await host.HarvestAsync()).Status);
        var sample = "local-dachs:ivo://portal.test/portalobs?xmm/0100606794"; // on the last page, which the broken run never reaches
        var before = await host.Catalog.GetAsync(sample, CancellationToken.None);
        Assert.NotNull(before);
        var count = await host.Catalog.CountAsync(CancellationToken.None);

        // Every answer to the third page query is cut in half, however often it is asked for.
        var pages = new List<string>();
        await using var proxy = await FaultyTapProxy.StartAsync((n, query) =>
        {
            if (!query.Contains("TOP 500", StringComparison.Ordinal))
            {
                return Fault.None;
            }
            lock (pages)
            {
                if (!pages.Contains(query))
                {
                    pages.Add(query);
                }
                return pages.IndexOf(query) == 2 ? Fault.Truncate : Fault.None;
            }
        });
        var run = await host.HarvestAsync(sources: host.Sources(s => s.Url = proxy.TapUrl.ToString()), full: true);
        Assert.Equal("failed", run.Status);
        Assert.Equal(0, run.Removed);
        var error = Assert.Single(run.Errors);
        Assert.Contains("page 3", error.Reason, StringComparison.Ordinal);
        Assert.Contains("not a readable VOTable", error.Reason, StringComparison.Ordinal);
        Assert.Contains("SELECT TOP 500", error.Sample, StringComparison.Ordinal);
        Assert.Equal(count, await host.Catalog.CountAsync(CancellationToken.None));
        var after = await host.Catalog.GetAsync(sample, CancellationToken.None);
        Assert.Equal(before!.UpdatedAt, after!.UpdatedAt);
        Assert.Equal(before.Record.Title, after.Record.Title);
        var recorded = (await host.Catalog.RecentHarvestsAsync("local-dachs", 5, CancellationToken.None)).First();
        Assert.Equal("failed", recorded.Status);
        Assert.Contains("page 3", recorded.Errors.Single().Reason, StringComparison.Ordinal);

        // The next run resumes after the last good page and completes.
        var retry = await host.HarvestAsync();
        Assert.Equal("completed", retry.Status);
        Assert.Equal("resumed", retry.Mode);
        Assert.Equal(2100 - 1000, retry.RowsRead);
    }

    [DachsFact]
    public async Task A_service_that_returns_fewer_rows_than_asked_is_paged_to_the_end()
    {
        // The proxy lowers every MAXREC to 200, as a service with a smaller row limit would: pages of 500
        // come back as 200 rows with QUERY_STATUS OVERFLOW, and the harvest must keep paging.
        await using var proxy = await FaultyTapProxy.StartAsync((_, _) => Fault.None, body => body.Replace("MAXREC=500", "MAXREC=200", StringComparison.Ordinal));
        using var host = new HarvestHost();
        var run = await host.HarvestAsync(sources: host.Sources(s => s.Url = proxy.TapUrl.ToString()));
        Assert.Equal("completed", run.Status);
        Assert.Equal(2100, run.RowsRead);
        Assert.Equal(11, run.Pages); // ten pages cut at 200 rows, one of 100
        Assert.Equal(2103, await host.Catalog.CountAsync(CancellationToken.None));
    }
}
