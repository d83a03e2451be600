using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Stac;
using DiscoveryPortal.Connectors.Tap;
using DiscoveryPortal.Connectors.Zenodo;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Bench;
using DiscoveryPortal.Indexer.Sources;
using DiscoveryPortal.SearchApi.Tests.Harvest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Sources;

/// <summary>
/// Archive teams register sources (probed first, through the outbound guard), harvest them now or on
/// schedule, and read their status; against the recorded-response server and the local DaCHS on loopback.
/// </summary>
public sealed class SourceRegistrationTests : IAsyncLifetime
{
    private RecordedSourceServer _server = null!;
    private HarvestHost _host = null!;
    private string _aliceKey = "";
    private string _bobKey = "";

    public async Task InitializeAsync()
    {
        _server = await RecordedSourceServer.StartAsync(TestPaths.DataSamples());
        // Only the recorded-response server and DaCHS are allowed; every other internal address is not.
        _host = new HarvestHost(outboundAllow: $"127.0.0.1:{_server.BaseUrl.Port}") { CheckSeconds = 1 };
        _host.Services.GetRequiredService<HarvestCoordinator>().Retry = new(Attempts: 1, Timeout: TimeSpan.FromSeconds(10));
        var accounts = _host.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("alice", "correct horse battery staple", Roles.Curator, ["eo-team", "zen-team", "tap-team", "bad-team", "held"]);
        await accounts.CreateAsync("bob", "correct horse battery staple", Roles.Curator, ["bobs"]);
        _aliceKey = (await accounts.CreateKeyAsync("alice", "tests", [Scopes.SourcesWrite], CancellationToken.None)).Secret;
        _bobKey = (await accounts.CreateKeyAsync("bob", "tests", [Scopes.SourcesWrite], CancellationToken.None)).Secret;
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _server.DisposeAsync();
    }

    private HttpClient Client(string? key)
    {
        var client = _host.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    private static object Source(string id, string kind, string url, string? schedule = null) => new { id, title = $"Source {id}", kind, url, pageSize = 2, schedule };

    private async Task<JsonObject> WaitForRunAsync(string id, int runs = 1)
    {
        using var client = Client(null);
        for (var i = 0; i < 300; i++)
        {
            var history = await client.GetFromJsonAsync<JsonObject>($"/api/sources/{id}");
            if (history!["runs"]!.AsArray().Count >= runs && !(bool)history["status"]!["running"]!)
            {
                return history;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no finished run of {id} within 30 s");
    }

    [Fact]
    public async Task A_cmr_source_is_refused_when_described_wrong_probed_saved_and_reprobed_when_what_it_reads_changes()
    {
        using var alice = Client(_aliceKey);
        var url = _server.CmrUrl.ToString();
        var wrong = await alice.PostAsJsonAsync("/api/sources", new { id = "eo-team", title = "CMR", kind = "cmr", url, conceptType = "granules" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("a granule source names a provider", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await alice.PostAsJsonAsync("/api/sources", new { id = "eo-team", title = "CMR", kind = "cmr", url, pageSize = 50, cmr = new { conceptType = "granules", provider = "POCLOUD" } });
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Contains("first page: 5 records", body["probe"]!["findings"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(("granules", "POCLOUD"), ((string)body["source"]!["conceptType"]!, (string)body["source"]!["provider"]!));
        Assert.Contains(_server.Log, l => l.StartsWith("GET /cmr/search/granules.umm_json?page_size=5&provider=POCLOUD", StringComparison.Ordinal));

        var probes = _server.Log.Count;
        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsJsonAsync("/api/sources/eo-team", new { id = "eo-team", title = "CMR, renamed", kind = "cmr", url, pageSize = 50, conceptType = "granules", provider = "POCLOUD", schedule = "1d" })).StatusCode);
        Assert.Equal(probes, _server.Log.Count); // a new title and schedule are not probed
        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsJsonAsync("/api/sources/eo-team", new { id = "eo-team", title = "CMR", kind = "cmr", url, pageSize = 50, conceptType = "collections", provider = "POCLOUD" })).StatusCode);
        Assert.Contains(_server.Log.Skip(probes), l => l.StartsWith("GET /cmr/search/collections.umm_json?page_size=5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stac_source_is_probed_saved_harvested_now_and_its_status_shows_the_run()
    {
        using var alice = Client(_aliceKey);
        var created = await alice.PostAsJsonAsync("/api/sources", new { id = "eo-team", title = "EO team\u202e scenes", kind = StacApiKind.Key, url = _server.StacUrl.ToString(), pageSize = 2 });
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("EO team scenes", (string)body["source"]!["title"]!); // no bidirectional controls in a displayed title
        Assert.True((bool)body["probe"]!["ok"]!);
        Assert.Contains("first page: 1 records, 0 that could not be read", body["probe"]!["findings"]!.AsArray().Select(f => (string)f!));
        Assert.Equal("SENTINEL2 Level-1C", (string)body["probe"]!["sampleTitles"]![0]!);
        Assert.Equal("alice", (string)body["owner"]!);

        var now = await alice.PostAsync("/api/sources/eo-team/harvest", null);
        Assert.Equal(HttpStatusCode.Accepted, now.StatusCode);
        var history = await WaitForRunAsync("eo-team");
        var run = history["runs"]![0]!;
        Assert.Equal("completed", (string)run["status"]!);
        Assert.Equal(6, (int)run["added"]!);
        Assert.Equal(6, (long)run["records"]!);
        Assert.Equal(6, (long)(await _host.SearchAsync("source=eo-team"))["total"]!);

        using var anyone = Client(null);
        var list = await anyone.GetFromJsonAsync<JsonArray>("/api/sources");
        var listed = list!.Single(s => (string)s!["source"]!["id"]! == "eo-team")!;
        Assert.True((bool)listed["registered"]!);
        Assert.Equal("completed", (string)listed["lastRun"]!["status"]!);
        Assert.Contains(list!, s => (string)s!["source"]!["id"]! == "local-dachs" && !(bool)s["registered"]!);
    }

    [DachsFact]
    public async Task A_tap_source_is_probed_through_its_capabilities_and_first_page()
    {
        using var host = new HarvestHost(outboundAllow: "127.0.0.1:8090");
        var accounts = host.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("tapper", "correct horse battery staple", Roles.Curator, ["tap-team"]);
        var key = (await accounts.CreateKeyAsync("tapper", "tests", [Scopes.SourcesWrite], CancellationToken.None)).Secret;
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var created = await client.PostAsJsonAsync("/api/sources", new { id = "tap-team", title = "Local DaCHS ObsCore", kind = TapObsCoreKind.Key, url = DachsPeer.TapUrl, table = "ivoa.obscore", keyColumn = "obs_publisher_did", pageSize = 500 });
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var findings = body["probe"]!["findings"]!.AsArray().Select(f => (string)f!).ToList();
        Assert.Contains(findings, f => f.Contains("ivo://ivoa.net/std/ObsCore", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("first page: 5 records, 0 that could not be read", findings);
        Assert.Equal(5, body["probe"]!["sampleTitles"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("http://10.20.30.40/tap", 422, "10.20.30.40 is a private address")]
    [InlineData("http://169.254.169.254/latest/meta-data", 422, "169.254.169.254 is a link-local address")]
    [InlineData("http://127.0.0.1:8090/tap", 422, "127.0.0.1 is a loopback address")]
    [InlineData("http://localhost:8090/tap", 422, "is a loopback address")]
    [InlineData("http://[::1]:8090/tap", 422, "::1 is a loopback address")]
    [InlineData("file:///etc/passwd", 400, "is not an absolute http(s) URL")]
    [InlineData("ftp://archive.example/tap", 400, "is not an absolute http(s) URL")]
    public async Task A_source_at_an_internal_address_or_another_scheme_is_refused_and_not_saved(string url, int status, string reason)
    {
        using var alice = Client(_aliceKey);
        var response = await alice.PostAsJsonAsync("/api/sources", Source("bad-team", TapObsCoreKind.Key, url));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.Null(await _host.Services.GetRequiredService<SourceRegistry>().FindAsync("bad-team", CancellationToken.None));
    }

    [Fact]
    public async Task A_source_may_not_name_the_deployments_own_files_on_registration_or_change()
    {
        using var alice = Client(_aliceKey);
        var recorded = await alice.PostAsJsonAsync("/api/sources", new { id = "bad-team", title = "Files", kind = StacApiKind.Key, url = _server.StacUrl.ToString(), recorded = "/etc" });
        Assert.Equal(HttpStatusCode.BadRequest, recorded.StatusCode);
        Assert.Contains("recorded, files and seed are for the deployment's sources file", await recorded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/sources", Source("eo-team", StacApiKind.Key, _server.StacUrl.ToString()))).StatusCode);
        var changed = await alice.PutAsJsonAsync("/api/sources/eo-team", new { id = "eo-team", title = "Files", kind = StacApiKind.Key, url = _server.StacUrl.ToString(), files = new[] { "/etc/*" } });
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        var statics = await alice.PostAsJsonAsync("/api/sources", Source("bad-team", StacStaticKind.Key, "file:///etc/catalog.json"));
        Assert.Equal(HttpStatusCode.BadRequest, statics.StatusCode);
    }

    [Fact]
    public async Task A_redirect_to_an_internal_address_is_refused_like_the_address_itself()
    {
        // An allowed server that sends every request on to DaCHS's port, which is not allowed here.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var redirector = builder.Build();
        redirector.Run(context =>
        {
            context.Response.Redirect("http://127.0.0.1:8090/tap/capabilities");
            return Task.CompletedTask;
        });
        await redirector.StartAsync();
        var port = new Uri(redirector.Urls.First()).Port;
        using var host = new HarvestHost(outboundAllow: $"127.0.0.1:{port}");
        var accounts = host.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("root", "correct horse battery staple", Roles.Administrator);
        var key = (await accounts.CreateKeyAsync("root", "tests", [Scopes.SourcesWrite], CancellationToken.None)).Secret;
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await client.PostAsJsonAsync("/api/sources", Source("hop", TapObsCoreKind.Key, $"http://127.0.0.1:{port}/tap"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("127.0.0.1:8090: 127.0.0.1 is a loopback address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_or_harvesting_a_source_one_does_not_curate_is_refused()
    {
        using var anonymous = Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/sources", Source("eo-team", StacApiKind.Key, _server.StacUrl.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/sources/local-dachs/harvest", null)).StatusCode);
        using var bob = Client(_bobKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsJsonAsync("/api/sources", Source("eo-team", StacApiKind.Key, _server.StacUrl.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsync("/api/sources/local-dachs/harvest", null)).StatusCode);
        Assert.Empty(await _host.Services.GetRequiredService<SourceRegistry>().RegisteredAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_registered_source_is_rescheduled_without_a_probe_probed_again_when_what_it_reads_changes_and_removed()
    {
        using var alice = Client(_aliceKey);
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/sources", Source("eo-team", StacApiKind.Key, _server.StacUrl.ToString()))).StatusCode);
        _server.Faults = (_, _) => ServerFault.Code(500); // the source is down

        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsJsonAsync("/api/sources/eo-team", Source("eo-team", StacApiKind.Key, _server.StacUrl.ToString(), "6h"))).StatusCode);
        var moved = await alice.PutAsJsonAsync("/api/sources/eo-team", Source("eo-team", ZenodoKind.Key, _server.ZenodoUrl.ToString(), "6h"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, moved.StatusCode);
        Assert.Contains("HTTP 500", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _server.Faults = null;

        using var anyone = Client(null);
        var status = (await anyone.GetFromJsonAsync<JsonObject>("/api/sources/eo-team"))!["status"]!["source"]!;
        Assert.Equal(("6h", StacApiKind.Key), ((string)status["schedule"]!, (string)status["kind"]!));

        using var bob = Client(_bobKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.DeleteAsync("/api/sources/eo-team")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync("/api/sources/eo-team")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/api/sources/eo-team")).StatusCode);

        // Stopped with its records withdrawn: out of search.
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/sources", Source("zen-team", ZenodoKind.Key, _server.ZenodoUrl.ToString()))).StatusCode);
        Assert.True(_host.Services.GetRequiredService<HarvestCoordinator>().TryStart("zen-team", out var run));
        Assert.Equal("completed", (await run).Status);
        Assert.Equal(4, (long)(await _host.SearchAsync("source=zen-team"))["total"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync("/api/sources/zen-team?withdrawRecords=true")).StatusCode);
        Assert.Equal(0, (long)(await _host.SearchAsync("source=zen-team"))["total"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.DeleteAsync("/api/sources/eo-team")).StatusCode);
    }

    [Fact]
    public async Task Scheduled_harvests_run_both_sources_when_one_fails_and_never_overlap_a_source()
    {
        using var alice = Client(_aliceKey);
        // Zenodo answers the probe's small page but fails the harvest's pages of two.
        _server.Faults = (_, r) => r.Path.StartsWithSegments("/api/records") && r.Query["size"] == "2" ? ServerFault.Code(500) : null;
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/sources", Source("zen-team", ZenodoKind.Key, _server.ZenodoUrl.ToString(), "1d"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/sources", Source("eo-team", StacApiKind.Key, _server.StacUrl.ToString(), "1d"))).StatusCode);
        // Nobody asks for a harvest: the background harvester finds both due (no run yet) within its one-second tick.
        var zen = await WaitForRunAsync("zen-team");
        var eo = await WaitForRunAsync("eo-team");
        var zenRuns = zen["runs"]!.AsArray();
        Assert.True(zenRuns.Count > 0 && (string)zenRuns[0]!["status"]! == "failed", zenRuns.ToJsonString());
        Assert.Contains(zenRuns, r => (string)r!["status"]! == "failed" && ((string)r["errors"]![0]!["reason"]!).Contains("HTTP 500", StringComparison.Ordinal));
        Assert.Equal("completed", (string)eo["runs"]![0]!["status"]!);
        Assert.Equal(6, (long)(await _host.SearchAsync("source=eo-team"))["total"]!);

        // A run held at its first request: a second start of that source is refused until it ends.
        using var hold = new ManualResetEventSlim();
        _server.Faults = (_, r) =>
        {
            if (r.Path.StartsWithSegments("/stac"))
            {
                hold.Wait(TimeSpan.FromSeconds(20));
            }
            return null;
        };
        var coordinator = _host.Services.GetRequiredService<HarvestCoordinator>();
        var before = eo["runs"]!.AsArray().Count;
        Assert.True(coordinator.TryStart("eo-team", out var running));
        Assert.False(coordinator.TryStart("eo-team", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await alice.PostAsync("/api/sources/eo-team/harvest", null)).StatusCode);
        hold.Set();
        Assert.Equal("completed", (await running).Status);
        Assert.Equal(before + 1, (await WaitForRunAsync("eo-team", before + 1))["runs"]!.AsArray().Count);
    }
}
