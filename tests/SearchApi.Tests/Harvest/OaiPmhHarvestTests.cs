using System.Diagnostics;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.OaiPmh;
using DiscoveryPortal.Indexer.Bench;

namespace DiscoveryPortal.SearchApi.Tests.Harvest;

/// <summary>
/// OAI-PMH harvests through the real connector: against the local DaCHS's own OAI-PMH endpoint (its publishing
/// registry), and against the loopback server replaying DaCHS's recorded answers in pages with resumption tokens,
/// deleted headers, sets, and the failures public services have.
/// </summary>
public sealed class OaiPmhHarvestTests : IAsyncLifetime
{
    private const string DachsOai = "http://127.0.0.1:8090/oai.xml";
    private readonly HarvestHost _host = new();
    private RecordedSourceServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordedSourceServer.StartAsync(TestPaths.DataSamples());

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _host.Dispose();
    }

    private SourceFile Oai(string prefix, string? url = null, string? set = null)
    {
        var sources = _host.Sources();
        sources.Sources.Add(new SourceDefinition
        {
            Id = "oai",
            Title = "OAI-PMH",
            Kind = OaiPmhKind.Key,
            Url = url ?? _server.OaiUrl.ToString(),
            Options = new OaiPmhOptions { MetadataPrefix = prefix, Set = set },
        });
        return sources;
    }

    private List<string> Requests() => _server.Log.Where(l => l.StartsWith("GET /oai?", StringComparison.Ordinal)).ToList();

    [DachsFact]
    public async Task The_local_dachs_registry_is_harvested_in_ivo_vor_and_reharvested_from_its_newest_datestamp()
    {
        var run = await _host.HarvestAsync("oai", Oai(OaiPmhOptions.VoResource, DachsOai));
        Assert.Equal(("completed", 3, 0), (run.Status, run.Added, run.Failed)); // the authority record is not data
        var tap = await _host.Catalog.GetAsync("oai:ivo://portal.test/tap", CancellationToken.None);
        Assert.Equal(("Discovery Portal local DaCHS TAP service", "Space Science"), (tap!.Record.Title, tap.Record.Domain));
        Assert.Contains(tap.Record.Access, a => a.Url == "http://127.0.0.1:8090/tap");
        var collection = await _host.Catalog.GetAsync("oai:ivo://portal.test/portalobs/q/import", CancellationToken.None);
        Assert.Equal("collection", collection!.Record.AssetType.ToString().ToLowerInvariant());

        var again = await _host.HarvestAsync("oai", Oai(OaiPmhOptions.VoResource, DachsOai));
        Assert.Equal(("incremental", "completed", 0), (again.Mode, again.Status, again.Added));
    }

    [Fact]
    public async Task Pages_follow_resumption_tokens_and_every_record_lands()
    {
        var run = await _host.HarvestAsync("oai", Oai(OaiPmhOptions.DublinCore));
        Assert.Equal(("completed", 2, 4), (run.Status, run.Pages, run.Added));
        var requests = Requests();
        Assert.Equal("GET /oai?verb=ListRecords&metadataPrefix=oai_dc", requests[0]);
        Assert.Equal("GET /oai?verb=ListRecords&resumptionToken=oai_dc%7C%7C%7C2", requests[1]);
        var found = await _host.SearchAsync("q=" + Uri.EscapeDataString("\"local DaCHS TAP service\"") + "&source=oai");
        Assert.Equal("oai:ivo://portal.test/tap", (string)Assert.Single(found["hits"]!.AsArray())!["id"]!);
    }

    [Fact]
    public async Task A_set_narrows_the_harvest()
    {
        var run = await _host.HarvestAsync("oai", Oai(OaiPmhOptions.DublinCore, set: "local"));
        Assert.Equal(("completed", 1), (run.Status, run.Added));
        Assert.Contains("set=local", Requests()[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reharvest_asks_from_the_newest_datestamp_and_withdraws_deleted_records()
    {
        Assert.Equal(4, (await _host.HarvestAsync("oai", Oai(OaiPmhOptions.DublinCore))).Added);
        _server.OaiDeleted.Add("ivo://portal.test/tap");
        var incremental = await _host.HarvestAsync("oai", Oai(OaiPmhOptions.DublinCore));
        Assert.Equal(("incremental", "completed", 1), (incremental.Mode, incremental.Status, incremental.Removed));
        Assert.Contains("&from=", Requests()[^1], StringComparison.Ordinal);
        Assert.Equal(3, (long)(await _host.SearchAsync("source=oai"))["total"]!);
    }

    [Fact]
    public async Task No_records_matching_is_an_empty_run_not_a_failure()
    {
        _server.OaiRecords["oai_dc"].Clear();
        var run = await _host.HarvestAsync("oai", Oai(OaiPmhOptions.DublinCore));
        Assert.Equal(("completed", 0, 0), (run.Status, run.Added, run.Errors.Count));
    }

    [Fact]
    public async Task A_truncated_page_fails_the_run_and_the_next_one_resumes_at_its_token()
    {
        _server.Faults = (_, r) => r.Query.ContainsKey("resumptionToken") ? ServerFault.CutShort : null;
        var broken = await _host.HarvestAsync("oai", Oai(OaiPmhOptions.DublinCore));
        Assert.Equal(("failed", 2, 0), (broken.Status, broken.Added, broken.Removed));
        Assert.Contains("not complete XML", Assert.Single(broken.Errors).Reason, StringComparison.Ordinal);
        _server.Faults = null;
        var resumed = await _host.HarvestAsync("oai", Oai(OaiPmhOptions.DublinCore));
        Assert.Equal(("resumed", "completed", 1, 2), (resumed.Mode, resumed.Status, resumed.Pages, resumed.Added));
        Assert.Contains("resumptionToken=", Requests()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_with_Retry_After_is_waited_out_and_a_500_retried()
    {
        _server.Faults = (n, _) => n switch { 1 => ServerFault.Code(503, retryAfter: 1), 3 => ServerFault.Code(500), _ => null };
        var watch = Stopwatch.StartNew();
        var run = await _host.HarvestAsync("oai", Oai(OaiPmhOptions.DublinCore));
        Assert.Equal(("completed", 4), (run.Status, run.Added));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"retried after {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(4, Requests().Count);
    }

    [Fact]
    public async Task A_repository_error_fails_the_run_naming_the_code()
    {
        var sources = Oai(OaiPmhOptions.DublinCore);
        sources.Find("oai").OptionsAs<OaiPmhOptions>().MetadataPrefix = OaiPmhOptions.VoResource;
        _server.OaiRecords.Remove("ivo_vor");
        var run = await _host.HarvestAsync("oai", sources);
        Assert.Equal("failed", run.Status);
        Assert.Contains("cannotDisseminateFormat", Assert.Single(run.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oai_datacite_records_land_in_search_with_their_doi_and_place()
    {
        var run = await _host.HarvestAsync("oai", Oai(OaiPmhOptions.DataCite));
        Assert.Equal(("completed", 1, 0), (run.Status, run.Added, run.Failed));
        Assert.Equal("GET /oai?verb=ListRecords&metadataPrefix=oai_datacite", Requests()[0]);
        var found = await _host.SearchAsync("q=" + Uri.EscapeDataString("doi:10.5281/inveniordm.1234"));
        var hit = Assert.Single(found["hits"]!.AsArray())!;
        Assert.Equal(("oai:oai:vvv.com:abcde-fghij", "InvenioRDM", "10.5281/inveniordm.1234"), ((string)hit["id"]!, (string)hit["title"]!, (string)hit["doi"]!));
        var near = await _host.SearchAsync("bbox=-61,-33,-60,-32&source=oai");
        Assert.Equal(1, (long)near["total"]!);
    }
}
