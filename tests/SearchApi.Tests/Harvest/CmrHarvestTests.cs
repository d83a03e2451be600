using System.Diagnostics;
using DiscoveryPortal.Connectors.Cmr;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Indexer.Bench;

namespace DiscoveryPortal.SearchApi.Tests.Harvest;

/// <summary>
/// NASA CMR harvests through the real connector against a loopback server that answers CMR's UMM-JSON search
/// with the recorded collections and granules of data-samples/cmr, paged by CMR-Search-After as CMR pages,
/// with its deleted listings, and with the failures public services have: 429, 500, a truncated body, expired tokens.
/// </summary>
public sealed class CmrHarvestTests : IAsyncLifetime
{
    private readonly HarvestHost _host = new();
    private RecordedSourceServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordedSourceServer.StartAsync(TestPaths.DataSamples());

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _host.Dispose();
    }

    private SourceFile Cmr(string conceptType, int pageSize, string id = "cmr")
    {
        var sources = _host.Sources();
        sources.Sources.Add(new SourceDefinition
        {
            Id = id,
            Title = "CMR on loopback",
            Kind = CmrKind.Key,
            Url = _server.CmrUrl.ToString(),
            PageSize = pageSize,
            Options = new CmrOptions { ConceptType = conceptType, Provider = "POCLOUD" },
        });
        return sources;
    }

    private SourceFile Collections(int pageSize = 7) => Cmr(CmrOptions.Collections, pageSize);

    private SourceFile Granules(int pageSize = 10) => Cmr(CmrOptions.Granules, pageSize);

    private List<string> Searches(string kind) => _server.Log.Where(l => l.StartsWith($"GET /cmr/search/{kind}.umm_json", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Collections_page_by_search_after_and_land_every_record()
    {
        var run = await _host.HarvestAsync("cmr", Collections());
        Assert.Equal(("completed", 3, 20, 20, 0), (run.Status, run.Pages, run.RowsRead, run.Added, run.Failed));
        var searches = Searches("collections");
        Assert.Equal(3, searches.Count);
        Assert.Contains("page_size=7", searches[0], StringComparison.Ordinal);
        Assert.Contains("provider=POCLOUD", searches[0], StringComparison.Ordinal);
        Assert.DoesNotContain("CMR-Search-After", searches[0], StringComparison.Ordinal);
        Assert.EndsWith("CMR-Search-After: [\"recorded\",0,7]", searches[1], StringComparison.Ordinal);
        Assert.EndsWith("CMR-Search-After: [\"recorded\",0,14]", searches[2], StringComparison.Ordinal);

        var all = await _host.SearchAsync("source=cmr");
        Assert.Equal(20, (long)all["total"]!);
        Assert.Equal(20, HarvestHost.FacetCount(all, "assetType", "collection"));
        Assert.Equal(20, HarvestHost.FacetCount(all, "domain", "Earth Observation"));
        var doi = await _host.SearchAsync("q=" + Uri.EscapeDataString("doi:10.5067/SWOT-RIVERSP-1.1"));
        Assert.Equal("cmr:C2758162622-POCLOUD", (string)doi["hits"]![0]!["id"]!);
        var cygnss = await _host.SearchAsync("q=CYGNSS&source=cmr");
        Assert.True((long)cygnss["total"]! >= 5, cygnss.ToJsonString());
    }

    [Fact]
    public async Task Granules_land_with_their_footprints_times_and_files()
    {
        var run = await _host.HarvestAsync("cmr", Granules());
        Assert.Equal(("completed", 4, 32), (run.Status, run.Pages, run.Added));
        // The MODIS swath over Greenland (a polygon) is found there, and not in the Southern Ocean, where only the global grids are.
        var greenland = await _host.SearchAsync("source=cmr&size=100&bbox=-40,65,-30,70");
        Assert.Contains(greenland["hits"]!.AsArray(), h => (string)h!["id"]! == "cmr:G1593453400-LAADS");
        var southern = await _host.SearchAsync("source=cmr&size=100&bbox=100,-60,110,-50");
        Assert.DoesNotContain(southern["hits"]!.AsArray(), h => (string)h!["id"]! == "cmr:G1593453400-LAADS");
        Assert.Equal(31, (long)southern["total"]!);
        var april2002 = await _host.SearchAsync("source=cmr&start=2002-04-10&end=2002-04-20");
        Assert.Equal("cmr:G2658326635-POCLOUD", (string)Assert.Single(april2002["hits"]!.AsArray())!["id"]!); // GRACE, 4 to 30 April 2002
        var asset = await _host.Catalog.GetAsync("cmr:G2658326635-POCLOUD", CancellationToken.None);
        Assert.Equal(1098347, asset!.Record.Access.Single(a => a.Url.EndsWith(".nc", StringComparison.Ordinal)).SizeBytes);
    }

    [Fact]
    public async Task A_reharvest_asks_for_revisions_since_the_last_run_and_withdraws_what_CMR_deleted()
    {
        Assert.Equal(32, (await _host.HarvestAsync("cmr", Granules())).Added);
        var now = DateTimeOffset.UtcNow;
        var revised = _server.CmrGranules.Single(g => (string)g["meta"]!["concept-id"]! == "G2546526969-POCLOUD");
        revised["meta"]!["revision-date"] = now.ToString("O");
        revised["umm"]!["GranuleUR"] = "ssh_grids_revised_upstream";
        _server.CmrDeleted.Add(("G2658326635-POCLOUD", now));
        _server.CmrDeleted.Add(("G1111111111-POCLOUD", now.AddYears(-3))); // deleted before the last run: not asked for

        var incremental = await _host.HarvestAsync("cmr", Granules());
        Assert.Equal(("incremental", "completed"), (incremental.Mode, incremental.Status));
        Assert.Equal((0, 1, 1), (incremental.Added, incremental.Updated, incremental.Removed));
        // The newest revision seen, to the second: the overlap brings that granule back unchanged.
        Assert.Contains(Searches("granules"), l => l.Contains("revision_date=2023-04-17T15%3A32%3A12Z%2C", StringComparison.Ordinal));
        Assert.Equal(1, incremental.Unchanged);
        Assert.Contains(_server.Log, l => l.StartsWith("GET /cmr/search/deleted-granules.json?revision_date=2023-04-17T15%3A32%3A12Z", StringComparison.Ordinal) && l.Contains("provider=POCLOUD", StringComparison.Ordinal));
        Assert.Equal(1, (long)(await _host.SearchAsync("q=ssh_grids_revised_upstream&source=cmr"))["total"]!);
        Assert.Equal(31, (long)(await _host.SearchAsync("source=cmr"))["total"]!);
    }

    [Fact]
    public async Task A_full_run_withdraws_what_CMR_no_longer_lists()
    {
        Assert.Equal(20, (await _host.HarvestAsync("cmr", Collections())).Added);
        _server.CmrCollections.RemoveAt(3);
        var full = await _host.HarvestAsync("cmr", Collections(), full: true);
        Assert.Equal(("full", "completed", 1), (full.Mode, full.Status, full.Removed));
        Assert.Equal(19, (long)(await _host.SearchAsync("source=cmr"))["total"]!);
    }

    [Fact]
    public async Task A_truncated_page_fails_the_run_and_the_next_run_resumes_with_the_search_after_token()
    {
        _server.Faults = (_, r) => r.Path.Value!.EndsWith("collections.umm_json", StringComparison.Ordinal) && r.Headers["CMR-Search-After"] == "[\"recorded\",0,14]" ? ServerFault.CutShort : null;
        var broken = await _host.HarvestAsync("cmr", Collections());
        Assert.Equal(("failed", 14, 0), (broken.Status, broken.Added, broken.Removed));
        var error = Assert.Single(broken.Errors);
        Assert.Contains("not complete JSON", error.Reason, StringComparison.Ordinal);
        Assert.StartsWith("{\"hits\":20,", error.Sample, StringComparison.Ordinal);

        _server.Faults = null;
        var resumed = await _host.HarvestAsync("cmr", Collections());
        Assert.Equal(("resumed", "completed", 1, 6), (resumed.Mode, resumed.Status, resumed.Pages, resumed.Added));
        Assert.EndsWith("CMR-Search-After: [\"recorded\",0,14]", Searches("collections")[^1], StringComparison.Ordinal);
        Assert.Equal(20, (long)(await _host.SearchAsync("source=cmr"))["total"]!);
    }

    [Fact]
    public async Task A_resume_whose_token_expired_reads_its_span_again()
    {
        _server.Faults = (_, r) => r.Headers["CMR-Search-After"] == "[\"recorded\",0,14]" ? ServerFault.CutShort : null;
        Assert.Equal("failed", (await _host.HarvestAsync("cmr", Collections())).Status);
        _server.Faults = null;
        _server.ExpireCmrTokens();
        var resumed = await _host.HarvestAsync("cmr", Collections());
        Assert.Equal(("resumed", "completed", 3), (resumed.Mode, resumed.Status, resumed.Pages));
        Assert.Equal((6, 14), (resumed.Added, resumed.Unchanged));
    }

    [Fact]
    public async Task A_429_is_waited_out_and_a_500_retried()
    {
        _server.Faults = (n, _) => n switch
        {
            1 => ServerFault.Code(429, retryAfter: 1),
            3 => ServerFault.Code(500),
            _ => null,
        };
        var watch = Stopwatch.StartNew();
        var run = await _host.HarvestAsync("cmr", Collections());
        watch.Stop();
        Assert.Equal(("completed", 20), (run.Status, run.Added));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"retried after {watch.Elapsed.TotalMilliseconds:F0} ms, before the 1 s Retry-After");
        Assert.Equal(5, Searches("collections").Count); // two refused, then three pages
    }

    [Fact]
    public async Task A_malformed_item_is_reported_and_the_rest_of_its_page_lands()
    {
        _server.CmrGranules[4]["meta"]!.AsObject().Remove("concept-id");
        var run = await _host.HarvestAsync("cmr", Granules());
        Assert.Equal(("completed", 31, 1), (run.Status, run.Added, run.Failed));
        var error = Assert.Single(run.Errors);
        Assert.Equal("page 1 item 5", error.Where);
        Assert.Contains("no meta.concept-id", error.Reason, StringComparison.Ordinal);
    }
}
