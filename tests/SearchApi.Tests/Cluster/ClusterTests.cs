using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using DiscoveryPortal.SearchApi.Tests.Harvest;
using Npgsql;
using Xunit.Abstractions;

namespace DiscoveryPortal.SearchApi.Tests.Cluster;

/// <summary>
/// The two-node deployment (ops/cluster): a write through one node is searchable on the other; a node killed
/// during a harvest leaves it to the other node, which finishes it with every row once; reads go on with the
/// standby stopped; a node whose index is deleted rebuilds it while the other serves. Figures are printed.
/// </summary>
[Collection("cluster")]
public sealed class ClusterTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-cluster-test-").FullName;

    public void Dispose() => TemporaryFolder.Delete(_folder);

    private static async Task<int> TotalAsync(HttpClient client, string query) =>
        (int)(await client.GetFromJsonAsync<JsonObject>($"/api/search?q={Uri.EscapeDataString(query)}&size=1"))!["total"]!;

    // By the hit itself: a word no indexed record has yet would be corrected or left out, finding others.
    private static async Task<bool> FoundAsync(HttpClient client, string word, string id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/search?q={word}&size=10"))!["hits"]!.AsArray().Any(h => (string?)h!["id"] == id);

    [ClusterFact]
    public async Task A_record_written_through_one_node_is_found_on_the_other()
    {
        using var nodeA = await ClusterPeer.AdministratorAsync(ClusterPeer.Node("a"), _folder);
        using var nodeB = new HttpClient { BaseAddress = ClusterPeer.Node("b") };
        var word = "clusterword" + Guid.NewGuid().ToString("N")[..10];
        var id = "cluster:" + word;
        var watch = Stopwatch.StartNew();
        var created = await nodeA.PostAsJsonAsync("/api/assets", new { id, sourceId = "cluster", title = $"Nebula survey {word}", description = "Written through node a.", domain = "Space Science" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var written = watch.Elapsed;

        Assert.True(await FoundAsync(nodeA, word, id)); // in search on the node that wrote it when the call returns
        while (!await FoundAsync(nodeB, word, id))
        {
            await Task.Delay(50);
        }
        output.WriteLine($"written through node a in {written.TotalMilliseconds:N0} ms; found on node b {(watch.Elapsed - written).TotalMilliseconds:N0} ms later");
        Assert.Equal(HttpStatusCode.OK, (await nodeB.GetAsync($"/api/assets/{Uri.EscapeDataString(id)}")).StatusCode);
    }

    [ClusterFact]
    public async Task A_node_killed_during_a_harvest_leaves_it_to_the_other_which_finishes_it_with_every_row_once()
    {
        Assert.True(DachsPeer.Up, "the local DaCHS is needed (bash ops/install-test-peers.sh)");
        using var balancer = await ClusterPeer.AdministratorAsync(ClusterPeer.Balancer, _folder);
        var source = "cluster-dachs-" + Guid.NewGuid().ToString("N")[..8];
        // Small pages make the run long enough to be killed in the middle; a schedule lets either node's harvester take it.
        var registered = await balancer.PostAsJsonAsync("/api/sources", new
        {
            id = source,
            title = "Local DaCHS, cluster",
            kind = "tap-obscore",
            url = DachsPeer.TapUrl,
            table = "portalobs.obs",
            keyColumn = "obs_publisher_did",
            modifiedColumn = "modified",
            pageSize = 50,
            schedule = "1d",
        });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());

        await using var primary = new NpgsqlConnection(ClusterPeer.Primary);
        long holderPid;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            // The run's lease says which node holds it; it is killed once three pages are committed.
            var running = await primary.QuerySingleOrDefaultAsync<(long Pid, int Pages)?>(
                "SELECT l.pid, r.pages FROM harvest_runs r JOIN harvest_leases l ON l.source_key = lower(r.source_id) AND l.token = r.lease_token WHERE r.source_id = @source AND r.status = 'running'",
                new { source });
            if (running is { Pages: >= 3 } r)
            {
                holderPid = r.Pid;
                break;
            }
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(5), "no node started the harvest");
            await Task.Delay(50);
        }
        var killed = ClusterPeer.Pid("a") == holderPid ? "a" : "b";
        Assert.Equal(holderPid, ClusterPeer.Pid(killed));
        Process.GetProcessById((int)holderPid).Kill(); // SIGKILL: no chance to let the lease go
        output.WriteLine($"killed node {killed} (pid {holderPid}) at page 3 or later");

        try
        {
            List<JsonNode> runs;
            while (true)
            {
                runs = (await balancer.GetFromJsonAsync<JsonObject>($"/api/sources/{source}"))!["runs"]!.AsArray().Select(n => n!).ToList();
                if (runs.Any(r => (string?)r["status"] == "completed"))
                {
                    break;
                }
                await Task.Delay(200);
            }
            output.WriteLine($"the other node finished it {watch.Elapsed.TotalSeconds:N1} s after the harvest began");
            var done = runs.First(r => (string?)r["status"] == "completed");
            var interrupted = Assert.Single(runs, r => (string?)r["status"] == "interrupted");
            Assert.Equal("resumed", (string?)done["mode"]);
            // The table's 2,100 observations and its 3 collections, each added by one run or the other, never by both.
            Assert.Equal(2100 + 3, (int)interrupted["added"]! + (int)done["added"]!);
            Assert.Equal(2100 + 3, await primary.ExecuteScalarAsync<int>("SELECT count(*) FROM assets WHERE source_id = @source", new { source }));
        }
        finally
        {
            ClusterPeer.Start(killed);
        }
    }

    [ClusterFact]
    public async Task With_the_standby_stopped_reads_fall_back_to_the_primary()
    {
        using var nodeA = new HttpClient { BaseAddress = ClusterPeer.Node("a") };
        Assert.Equal(HttpStatusCode.OK, (await nodeA.GetAsync("/healthz")).StatusCode); // its pool holds standby connections now
        ClusterPeer.Run("pg_ctlcluster", "15", "portal-standby", "stop");
        try
        {
            // The catalogue's count (the health check) is a standby read: it answers from the primary.
            var health = await nodeA.GetAsync("/healthz");
            Assert.True(health.StatusCode == HttpStatusCode.OK, await health.Content.ReadAsStringAsync());
            Assert.True(await TotalAsync(nodeA, "") > 0);
            Assert.Equal(HttpStatusCode.OK, (await nodeA.GetAsync("/api/sources")).StatusCode);
        }
        finally
        {
            ClusterPeer.Run("pg_ctlcluster", "15", "portal-standby", "start");
        }
    }

    [ClusterFact]
    public async Task A_node_restarted_without_its_index_rebuilds_it_while_the_other_serves()
    {
        using var balancer = new HttpClient { BaseAddress = ClusterPeer.Balancer };
        using var nodeA = new HttpClient { BaseAddress = ClusterPeer.Node("a") };
        var total = await TotalAsync(nodeA, "");
        using (var node = Process.GetProcessById(ClusterPeer.Pid("b")))
        {
            ClusterPeer.Run("kill", ClusterPeer.Pid("b").ToString(System.Globalization.CultureInfo.InvariantCulture));
            await node.WaitForExitAsync();
        }
        Directory.Delete(ClusterPeer.IndexPath("b"), recursive: true);

        var watch = Stopwatch.StartNew();
        var restart = Task.Run(() => ClusterPeer.Start("b"));
        var served = 0;
        while (!restart.IsCompleted)
        {
            Assert.Equal(total, await TotalAsync(balancer, "")); // node a answers while b rebuilds
            served++;
            await Task.Delay(100);
        }
        await restart;
        output.WriteLine($"node b rebuilt its index of {total:N0} records in {watch.Elapsed.TotalSeconds:N1} s; the balancer answered {served} searches meanwhile");
        using var nodeB = new HttpClient { BaseAddress = ClusterPeer.Node("b") };
        Assert.Equal(total, await TotalAsync(nodeB, ""));
    }
}

[CollectionDefinition("cluster", DisableParallelization = true)]
public sealed class ClusterCollection;
