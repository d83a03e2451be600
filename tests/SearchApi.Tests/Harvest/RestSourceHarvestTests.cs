using System.Diagnostics;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.OpenSearch;
using DiscoveryPortal.Connectors.Stac;
using DiscoveryPortal.Connectors.Zenodo;
using DiscoveryPortal.Indexer.Bench;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Harvest;

/// <summary>
/// Zenodo, STAC API and OpenSearch harvests through the real connectors against a real HTTP server on
/// loopback that serves the recorded responses of data-samples/, paged as those services page, with
/// the failures public services have: 429 with Retry-After, a 500, a truncated body, a bad record.
/// </summary>
public sealed class RestSourceHarvestTests : IAsyncLifetime
{
    private readonly HarvestHost _host = new();
    private RecordedSourceServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordedSourceServer.StartAsync(DataSamples());

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _host.Dispose();
    }

    private static string DataSamples() => TestPaths.DataSamples();

    private SourceFile With(SourceDefinition source)
    {
        var sources = _host.Sources();
        sources.Sources.Add(source);
        return sources;
    }

    private SourceFile Zenodo(int pageSize = 2) => With(new SourceDefinition
    {
        Id = "zen",
        Title = "Zenodo on loopback",
        Kind = ZenodoKind.Key,
        Url = _server.ZenodoUrl.ToString(),
        Options = new ZenodoOptions { Community = "phlorest" },
        PageSize = pageSize,
    });

    private SourceFile Stac(int pageSize = 2) => With(new SourceDefinition
    {
        Id = "stac",
        Title = "STAC on loopback",
        Kind = StacApiKind.Key,
        Url = _server.StacUrl.ToString(),
        PageSize = pageSize,
    });

    private SourceFile OpenSearch(int pageSize = 1) => With(new SourceDefinition
    {
        Id = "os",
        Title = "OpenSearch on loopback",
        Kind = OpenSearchKind.Key,
        Url = _server.OpenSearchUrl.ToString(),
        PageSize = pageSize,
    });

    private int Requests(string prefix) => _server.Log.Count(l => l.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public async Task Zenodo_pages_through_next_links_and_lands_every_record()
    {
        var run = await _host.HarvestAsync("zen", Zenodo());
        Assert.Equal("completed", run.Status);
        Assert.Equal((2, 4, 4, 0), (run.Pages, run.RowsRead, run.Added, run.Failed));
        Assert.Equal(2, Requests("GET /api/records?"));
        Assert.Contains(_server.Log, l => l.Contains("communities=phlorest", StringComparison.Ordinal) && l.Contains("sort=updated-desc", StringComparison.Ordinal));

        var xenon = await _host.SearchAsync("q=Xenon&source=zen");
        var hit = Assert.Single(xenon["hits"]!.AsArray())!;
        Assert.Equal("zen:597993", (string)hit["id"]!);
        Assert.Equal(1, HarvestHost.FacetCount(await _host.SearchAsync("source=zen"), "assetType", "software"));
        Assert.Equal(3, HarvestHost.FacetCount(await _host.SearchAsync("source=zen"), "assetType", "dataset"));
        var asset = await AssetAsync("zen:8250014");
        Assert.Equal("cc-by-4.0", (string)asset["record"]!["license"]!);
        Assert.Equal(56054523, (long)asset["record"]!["access"]![0]!["sizeBytes"]!);
    }

    [Fact]
    public async Task Zenodo_rate_limit_is_waited_out_as_Retry_After_asks()
    {
        _server.Faults = (n, _) => n == 1 ? Indexer.Bench.ServerFault.Code(429, retryAfter: 1) : null;
        var watch = Stopwatch.StartNew();
        var run = await _host.HarvestAsync("zen", Zenodo());
        watch.Stop();
        Assert.Equal("completed", run.Status);
        Assert.Equal(4, run.Added);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"retried after {watch.Elapsed.TotalMilliseconds:F0} ms, before the 1 s Retry-After");
        Assert.Equal(3, Requests("GET /api/records?")); // the refused first page, again, then page 2
    }

    [Fact]
    public async Task A_500_then_success_completes_the_harvest()
    {
        _server.Faults = (n, r) => n == 2 && r.Path == "/stac/collections" ? Indexer.Bench.ServerFault.Code(500) : null;
        var run = await _host.HarvestAsync("stac", Stac());
        Assert.Equal("completed", run.Status);
        Assert.Equal(6, run.Added);
        Assert.Equal(2, Requests("GET /stac/collections"));
    }

    [Fact]
    public async Task A_truncated_page_fails_the_run_keeps_what_is_stored_and_the_next_run_resumes()
    {
        Assert.Equal(4, (await _host.HarvestAsync("zen", Zenodo())).Added);
        var before = await _host.SearchAsync("source=zen&size=10");

        // The next full run gets page 2 cut in half: reported with a sample, nothing removed or changed.
        _server.ZenodoHits[0]["metadata"]!["title"] = "Changed before the broken run";
        _server.Faults = (_, r) => r.Query["page"] == "2" ? Indexer.Bench.ServerFault.CutShort : null;
        var broken = await _host.HarvestAsync("zen", Zenodo(), full: true);
        Assert.Equal("failed", broken.Status);
        var error = Assert.Single(broken.Errors);
        Assert.Contains("not complete JSON", error.Reason);
        Assert.StartsWith("{\"hits\":{\"hits\":[", error.Sample);
        Assert.Equal(0, broken.Removed);
        var after = await _host.SearchAsync("source=zen&size=10");
        Assert.Equal((long)before["total"]!, (long)after["total"]!);

        // The source mends; the next run resumes at page 2 and completes.
        _server.Faults = null;
        var resumed = await _host.HarvestAsync("zen", Zenodo());
        Assert.Equal(("resumed", "completed", 1), (resumed.Mode, resumed.Status, resumed.Pages));
        Assert.Equal(4, (long)(await _host.SearchAsync("source=zen"))["total"]!);
    }

    [Fact]
    public async Task A_malformed_record_is_reported_and_the_good_ones_on_its_page_land()
    {
        _server.ZenodoHits[1]["metadata"]!.AsObject().Remove("title");
        _server.ZenodoHits[1].Remove("title");
        var run = await _host.HarvestAsync("zen", Zenodo());
        Assert.Equal("completed", run.Status);
        Assert.Equal((3, 1), (run.Added, run.Failed));
        var error = Assert.Single(run.Errors);
        Assert.Contains("no title", error.Reason);
        Assert.Contains("8250324", error.Sample);
        Assert.Equal(3, (long)(await _host.SearchAsync("source=zen"))["total"]!);
    }

    [Fact]
    public async Task Zenodo_reharvest_asks_only_for_changes_withdraws_restricted_records_and_a_full_run_removes_deleted_ones()
    {
        Assert.Equal(4, (await _host.HarvestAsync("zen", Zenodo())).Added);
        var now = DateTimeOffset.UtcNow.ToString("O");
        var xenon = _server.ZenodoHits.Single(h => (string)h["conceptrecid"]! == "597993");
        xenon["metadata"]!["title"] = "Xenon, retitled upstream";
        xenon["updated"] = now;
        var restricted = _server.ZenodoHits.Single(h => (string)h["conceptrecid"]! == "8250014");
        restricted["metadata"]!["access_right"] = "restricted";
        restricted["updated"] = now;
        _server.ZenodoHits.RemoveAll(h => (string)h["conceptrecid"]! == "8248388"); // deleted upstream

        var incremental = await _host.HarvestAsync("zen", Zenodo());
        Assert.Equal(("incremental", "completed"), (incremental.Mode, incremental.Status));
        Assert.Contains(_server.Log, l => l.Contains("updated%3A%3E%3D", StringComparison.Ordinal));
        Assert.Equal((0, 1, 1), (incremental.Added, incremental.Updated, incremental.Removed));
        Assert.Equal(1, (long)(await _host.SearchAsync("q=retitled&source=zen"))["total"]!);
        var chang = await _host.SearchAsync("q=steppe&source=zen");
        Assert.True((long)chang["total"]! == 0, chang.ToJsonString());
        Assert.Equal(3, (long)(await _host.SearchAsync("source=zen"))["total"]!); // the deleted one is still there: the incremental answer cannot say

        var full = await _host.HarvestAsync("zen", Zenodo(), full: true);
        Assert.Equal(("full", 1), (full.Mode, full.Removed));
        Assert.Equal(2, (long)(await _host.SearchAsync("source=zen"))["total"]!);
    }

    [Fact]
    public async Task Stac_api_lists_collections_then_searches_items_by_POST_through_next_bodies()
    {
        var run = await _host.HarvestAsync("stac", Stac());
        Assert.Equal("completed", run.Status);
        Assert.Equal(6, run.Added);
        Assert.Equal(3, Requests("POST /stac/search"));
        Assert.Contains(_server.Log, l => l.StartsWith("POST /stac/search", StringComparison.Ordinal) && l.Contains("\"token\":\"4\"", StringComparison.Ordinal) && l.Contains("\"limit\":2", StringComparison.Ordinal));

        var result = await _host.SearchAsync("source=stac");
        Assert.Equal(5, HarvestHost.FacetCount(result, "assetType", "observation"));
        Assert.Equal(1, HarvestHost.FacetCount(result, "assetType", "collection"));
        Assert.Equal(6, HarvestHost.FacetCount(result, "mission", "Sentinel-2"));
        Assert.Equal(6, HarvestHost.FacetCount(result, "domain", "Earth Observation"));
        // Ground footprint: the two Great Britain scenes, not the three in French Guiana.
        var britain = await _host.SearchAsync("source=stac&assetType=observation&bbox=-6,51,-2,57");
        Assert.Equal(2, (long)britain["total"]!);
        var year = await _host.SearchAsync("source=stac&assetType=observation&start=2018-01-01&end=2018-12-31");
        Assert.Equal(2, (long)year["total"]!);

        // Re-harvest: the search asks only for items acquired since the newest one seen.
        var again = await _host.HarvestAsync("stac", Stac());
        Assert.Equal("incremental", again.Mode);
        Assert.Contains(_server.Log, l => l.StartsWith("POST /stac/search", StringComparison.Ordinal) && l.Contains("\"datetime\":\"2019-12-31T11:24:51Z/..\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenSearch_fills_its_template_pages_to_totalResults_and_reharvests_by_modification_date()
    {
        var run = await _host.HarvestAsync("os", OpenSearch());
        Assert.Equal("completed", run.Status);
        Assert.Equal((2, 2), (run.Pages, run.Added));
        Assert.Contains("GET /opensearch?count=1&startIndex=1", _server.Log);
        Assert.Contains("GET /opensearch?count=1&startIndex=2", _server.Log);
        var result = await _host.SearchAsync("source=os");
        Assert.Equal(2, HarvestHost.FacetCount(result, "mission", "Sentinel-2"));
        Assert.Equal(2, HarvestHost.FacetCount(result, "instrument", "MSI"));

        var again = await _host.HarvestAsync("os", OpenSearch());
        Assert.Equal("incremental", again.Mode);
        Assert.Contains(_server.Log, l => l.Contains("modified=%5B2021-09-16T14%3A11%3A30Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_description_document_fails_the_run_with_the_reason()
    {
        var sources = With(new SourceDefinition { Id = "os-broken", Title = "broken", Kind = OpenSearchKind.Key, Url = new Uri(_server.BaseUrl, "nowhere/description.xml").ToString() });
        var run = await _host.HarvestAsync("os-broken", sources);
        Assert.Equal("failed", run.Status);
        Assert.Contains("HTTP 404", Assert.Single(run.Errors).Reason);
    }

    [Fact]
    public async Task The_three_kinds_sit_side_by_side_in_the_facets()
    {
        var sources = Zenodo();
        sources.Sources.Add(Stac().Find("stac"));
        sources.Sources.Add(OpenSearch().Find("os"));
        foreach (var id in new[] { "zen", "stac", "os" })
        {
            Assert.Equal("completed", (await _host.HarvestAsync(id, sources)).Status);
        }
        var all = await _host.SearchAsync("size=1");
        Assert.Equal(4, HarvestHost.FacetCount(all, "source", "zen"));
        Assert.Equal(6, HarvestHost.FacetCount(all, "source", "stac"));
        Assert.Equal(2, HarvestHost.FacetCount(all, "source", "os"));
        Assert.Equal(8, HarvestHost.FacetCount(all, "domain", "Earth Observation"));
        Assert.Equal(4, HarvestHost.FacetCount(all, "domain", "Multidisciplinary"));
    }

    [Fact]
    public async Task Zenodo_spent_allowance_is_respected_before_the_next_request()
    {
        _server.RateLimitReset = n => n == 1 ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2 : null;
        var watch = Stopwatch.StartNew();
        var run = await _host.HarvestAsync("zen", Zenodo());
        watch.Stop();
        Assert.Equal(("completed", 4), (run.Status, run.Added));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"page 2 was asked for {watch.Elapsed.TotalMilliseconds:F0} ms after a reset 1-2 s away");
        Assert.Equal(2, Requests("GET /api/records?")); // paced, so never refused
    }

    [Fact]
    public async Task Zenodo_single_record_endpoint_refreshes_a_record_or_says_it_is_gone()
    {
        using var http = new HttpClient();
        var missions = _host.Services.GetRequiredService<DiscoveryPortal.Connectors.Normalisation.MissionVocabulary>();
        var sources = Zenodo();
        var connector = (DiscoveryPortal.Connectors.Zenodo.ZenodoConnector)HarvestConnectors.Create(sources.Find("zen"), sources, http, missions, TimeProvider.System);
        var entry = await connector.RefreshAsync("572636", CancellationToken.None);
        Assert.Equal("zen:597993", entry!.Record!.Id);
        _server.ZenodoDeleted.Add("572636");
        Assert.Null(await connector.RefreshAsync("572636", CancellationToken.None));
        Assert.Contains("GET /api/records/572636", _server.Log);
    }

    [Fact]
    public async Task Stac_api_without_POST_search_pages_by_GET_next_links()
    {
        _server.StacOffersPost = false;
        var run = await _host.HarvestAsync("stac", Stac());
        Assert.Equal(("completed", 6), (run.Status, run.Added));
        Assert.Equal(0, Requests("POST /stac/search"));
        Assert.Contains("GET /stac/search?limit=2", _server.Log);
        Assert.Contains("GET /stac/search?limit=2&token=4", _server.Log);
    }

    [Fact]
    public async Task Stac_limits_bound_a_run_to_collections_or_to_a_count()
    {
        var capped = Stac();
        capped.Find("stac").MaxRecords = 3;
        Assert.Equal(4, (await _host.HarvestAsync("stac", capped)).Added); // the collection and 3 items

        var collectionsOnly = With(new SourceDefinition { Id = "stac-c", Title = "collections", Kind = StacApiKind.Key, Url = _server.StacUrl.ToString(), Options = new StacApiOptions { CollectionsOnly = true } });
        Assert.Equal(1, (await _host.HarvestAsync("stac-c", collectionsOnly)).Added);
        Assert.Equal(2, Requests("POST /stac/search")); // only the capped run searched: 2 pages of 2
    }

    [Fact]
    public async Task Stac_item_without_time_is_reported_and_the_rest_land()
    {
        _server.StacItems[2]["properties"]!.AsObject().Remove("datetime");
        _server.StacItems[2]["properties"]!.AsObject().Remove("start_datetime");
        var run = await _host.HarvestAsync("stac", Stac());
        Assert.Equal(("completed", 5, 1), (run.Status, run.Added, run.Failed));
        Assert.Contains("no datetime", Assert.Single(run.Errors).Reason);
    }

    [Fact]
    public async Task OpenSearch_truncated_page_fails_the_run_and_keeps_the_first_page()
    {
        _server.Faults = (_, r) => r.Path == "/opensearch" && r.Query["startIndex"] == "2" ? Indexer.Bench.ServerFault.CutShort : null;
        var run = await _host.HarvestAsync("os", OpenSearch());
        Assert.Equal(("failed", 1), (run.Status, run.Added));
        Assert.Contains("not complete XML", Assert.Single(run.Errors).Reason);
        Assert.Equal(1, (long)(await _host.SearchAsync("source=os"))["total"]!);
    }

    [Fact]
    public async Task Static_catalog_with_a_broken_and_a_missing_item_reports_both_and_withdraws_nothing()
    {
        var copy = Directory.CreateTempSubdirectory("portal-static-stac-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(DataSamples(), "stac", "static"), "*.json", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(Path.Combine(DataSamples(), "stac", "static"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            var sources = With(new SourceDefinition { Id = "static", Title = "static", Kind = StacStaticKind.Key, Url = Path.Combine(copy, "catalog.json") });
            var first = await _host.HarvestAsync("static", sources);
            Assert.Equal(("completed", 6, 9), (first.Status, first.Added, first.Pages));

            var items = Directory.EnumerateFiles(copy, "*.json", SearchOption.AllDirectories).Where(f => f.Contains("/items/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            File.WriteAllText(items[0], "{\"type\": \"Feature\", \"id\": ");
            File.Delete(items[1]);
            var second = await _host.HarvestAsync("static", sources);
            Assert.Equal(("completed", 2, 0, 4), (second.Status, second.Failed, second.Removed, second.Unchanged));
            Assert.Contains(second.Errors, e => e.Reason.Contains("not complete JSON", StringComparison.Ordinal));
            Assert.Contains(second.Errors, e => e.Reason.Contains("cannot be read", StringComparison.Ordinal));
            Assert.Equal(6, (long)(await _host.SearchAsync("source=static"))["total"]!);
        }
        finally
        {
            TemporaryFolder.Delete(copy);
        }
    }

    private async Task<JsonObject> AssetAsync(string id)
    {
        using var client = _host.CreateClient();
        var body = await client.GetStringAsync("/api/assets/" + Uri.EscapeDataString(id));
        return JsonNode.Parse(body)!.AsObject();
    }
}
