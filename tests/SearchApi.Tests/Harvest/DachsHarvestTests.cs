using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.Tap;
using DiscoveryPortal.Connectors.VoTable;
using DiscoveryPortal.Indexer.Ingestion;

namespace DiscoveryPortal.SearchApi.Tests.Harvest;

/// <summary>
/// Harvests of the real local DaCHS (ops/dachs) through its HTTP interface, checked against the
/// server's own table and through the search API. One collection: some tests change DaCHS's rows.
/// </summary>
[Collection("dachs")]
public sealed class DachsHarvestTests
{
    private static readonly MissionVocabulary Vocabulary = MissionVocabulary.Load(Path.Combine(TestPaths.DataSamples(), "vocabulary", "missions.yaml"));

    /// <summary>The instrument as the shared vocabulary names it ("ACS/WFC" is HST's ACS); the source's spelling stays a keyword.</summary>
    private static string Instrument(VoRow row) => Vocabulary.ResolveInstrument(row.Text("instrument_name"), row.Text("obs_collection"))?.Name ?? row.Text("instrument_name")!;

    private const int Observations = 2100;

    /// <summary>The server's own rows of the portal's table, for comparison.</summary>
    private static async Task<List<VoRow>> ServerRowsAsync()
    {
        var query = AdqlQuery.From("portalobs.obs");
        var document = await DachsPeer.Client().QueryAsync(query, 10_000, CancellationToken.None);
        var (meta, rows) = document.Tables[0];
        return VoRow.Of(meta, rows).ToList();
    }

    [DachsFact]
    public async Task A_full_harvest_lands_every_row_as_the_server_holds_it()
    {
        using var host = new HarvestHost();
        var run = await host.HarvestAsync();
        Assert.Equal("completed", run.Status);
        Assert.Equal("full", run.Mode);
        Assert.Equal(Observations, run.RowsRead);
        Assert.Equal(Observations + 3, run.Added); // every observation and one record per collection
        Assert.Equal(0, run.Failed);

        var server = await ServerRowsAsync();
        Assert.Equal(Observations, server.Count);
        foreach (var row in server)
        {
            var did = row.Text("obs_publisher_did")!;
            var stored = await host.Catalog.GetAsync("local-dachs:" + did, CancellationToken.None);
            Assert.True(stored is not null, $"{did} was not harvested");
            var r = stored.Record;
            var mission = row.Text("obs_collection") == "XMM-Newton" ? "XMM-Newton" : row.Text("obs_collection");
            Assert.Equal(mission, r.Mission);
            Assert.Equal([Instrument(row)], r.Instruments);
            Assert.Contains(row.Text("instrument_name")!, r.Keywords);
            Assert.Equal([row.Text("dataproduct_type")!], r.ProductTypes);
            Assert.Equal(row.Text("access_url"), r.Access.Single().Url);
            Assert.Equal(row.Text("access_format"), r.Formats.Single());
            Assert.Equal(VoRow.FromMjd(row.Number("t_min")), r.Time!.Start);
            Assert.Equal(VoRow.FromMjd(row.Number("t_max")), r.Time.End); // no t_max: an open end
            Assert.Equal(Wavebands.FromWavelengths(row.Number("em_min"), row.Number("em_max")), r.Wavebands);
            Assert.Equal(row.Text("obs_title") ?? $"{mission} {row.Text("instrument_name")} {row.Text("dataproduct_type")} of {row.Text("target_name")}", r.Title);
            Assert.Equal(row.Text("target_name"), r.Details["target"]);
            if (row.Number("s_ra") is { } ra)
            {
                Assert.True(r.Sky is not null, $"{did}: no footprint");
                // The footprint is the polygon's; the row's centre must lie inside its bounding circle.
                Assert.True(SkyGeometry.AngularDistance(ra, row.Number("s_dec")!.Value, r.Sky.Ra, r.Sky.Dec) <= r.Sky.Radius, $"{did}: {ra},{row.Number("s_dec")} is outside the footprint {r.Sky.Ra},{r.Sky.Dec} r={r.Sky.Radius}");
                Assert.Equal(4, r.Sky.Polygon!.Count);
            }
            else
            {
                Assert.Null(r.Sky); // moving targets have no position
            }
        }
    }

    [DachsFact]
    public async Task Counts_facets_footprints_times_and_wavebands_answer_through_the_search_api()
    {
        using var host = new HarvestHost();
        Assert.Equal("completed", (await host.HarvestAsync()).Status);
        var server = await ServerRowsAsync();

        var all = await host.SearchAsync("size=1");
        Assert.Equal(Observations + 3, (long)all["total"]!);
        foreach (var group in server.GroupBy(r => r.Text("obs_collection")!))
        {
            // Each collection's observations plus its collection record.
            Assert.Equal(group.Count() + 1, HarvestHost.FacetCount(all, "mission", group.Key));
        }
        var hst = await host.SearchAsync("mission=HST&size=1");
        foreach (var instrument in server.Where(r => r.Text("obs_collection") == "HST").GroupBy(Instrument))
        {
            Assert.Equal(instrument.Count() + 1, HarvestHost.FacetCount(hst, "instrument", instrument.Key));
        }
        Assert.Equal(Observations, HarvestHost.FacetCount(all, "assetType", "observation"));
        Assert.Equal(3, HarvestHost.FacetCount(all, "assetType", "collection"));

        // Sky: every observation centred within 0.3 deg of M31 is found by a cone of that radius.
        var nearM31 = server.Where(r => r.Number("s_ra") is { } ra && SkyGeometry.AngularDistance(10.6847, 41.2690, ra, r.Number("s_dec")!.Value) < 0.3)
            .Select(r => "local-dachs:" + r.Text("obs_publisher_did")).ToHashSet();
        Assert.True(nearM31.Count > 20, $"only {nearM31.Count} rows near M31");
        var cone = await host.SearchAsync("ra=10.6847&dec=41.2690&radius=0.3&size=100");
        var coneIds = cone["hits"]!.AsArray().Select(h => (string)h!["id"]!).ToHashSet();
        Assert.Equal((long)cone["total"]!, coneIds.Count);
        Assert.Superset(nearM31, coneIds);

        // Time: JWST observations overlapping 2023 (MJD 59945 to 60310), counted on the server's rows.
        var jwst2023 = server.Count(r => r.Text("obs_collection") == "JWST" && r.Number("t_min") <= 60310 && (r.Number("t_max") ?? double.PositiveInfinity) >= 59945);
        var time = await host.SearchAsync("mission=JWST&start=2023-01-01&end=2024-01-01&size=1");
        Assert.Equal(jwst2023 + 1, (long)time["total"]!);

        // Wavebands: x-ray is XMM's EPIC and RGS rows with a wavelength range, plus XMM's collection record.
        var xray = server.Count(r => r.Number("em_min") < 1e-8 && r.Number("em_max") > 1e-11);
        Assert.Equal(xray + 1, HarvestHost.FacetCount(all, "waveband", "x-ray"));
        var infrared = server.Count(r => r.Number("em_min") < 3.5e-4 && r.Number("em_max") > 1e-6);
        Assert.Equal(infrared + 2, HarvestHost.FacetCount(all, "waveband", "infrared")); // HST and JWST collections
    }

    [DachsFact]
    public async Task A_reharvest_reads_only_what_changed_and_withdraws_what_the_source_removed()
    {
        using var host = new HarvestHost();
        Assert.Equal("completed", (await host.HarvestAsync()).Status);
        var untouched = "local-dachs:ivo://portal.test/portalobs?hst/j1000000";
        var before = (await host.Catalog.GetAsync(untouched, CancellationToken.None))!.UpdatedAt;
        try
        {
            DachsPeer.Sql("""
                UPDATE portalobs.obs SET obs_title = 'Re-reduced: ' || obs_id, modified = now()
                  WHERE obs_publisher_did IN (SELECT obs_publisher_did FROM portalobs.obs WHERE obs_collection = 'JWST' ORDER BY obs_publisher_did LIMIT 5);
                DELETE FROM portalobs.obs
                  WHERE obs_publisher_did IN (SELECT obs_publisher_did FROM portalobs.obs WHERE obs_collection = 'XMM-Newton' ORDER BY obs_publisher_did LIMIT 3);
                """);
            var run = await host.HarvestAsync();
            Assert.Equal("completed", run.Status);
            Assert.Equal("incremental", run.Mode);
            Assert.Equal(5, run.RowsRead);
            Assert.Equal(5 + 1, run.Updated); // the five rows and XMM's collection record (its count fell; JWST's extent did not change)
            Assert.Equal(3, run.Removed);
            Assert.Equal(0, run.Added);
            Assert.Equal(before, (await host.Catalog.GetAsync(untouched, CancellationToken.None))!.UpdatedAt);

            var retitled = await host.SearchAsync("q=%22Re-reduced%22&size=10");
            Assert.Equal(5, (long)retitled["total"]!);
            var xmm = await host.SearchAsync("mission=XMM-Newton&size=1");
            Assert.Equal(600 - 3 + 1, (long)xmm["total"]!);

            // Nothing changed since: the next run reads nothing and changes nothing.
            var quiet = await host.HarvestAsync();
            Assert.Equal((0, 0, 0, 0), (quiet.RowsRead, quiet.Added, quiet.Updated, quiet.Removed));
        }
        finally
        {
            DachsPeer.Reimport();
        }
    }

    [DachsFact]
    public async Task A_harvest_stopped_midway_resumes_after_its_last_page()
    {
        using var host = new HarvestHost();
        var sources = host.Sources(s => s.PageSize = 300);
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Pages == 2)
            {
                stop.Cancel();
            }
        });
        var first = await host.HarvestAsync(sources: sources, progress: progress, ct: stop.Token);
        Assert.Equal("cancelled", first.Status);
        Assert.Equal(600, first.Added);
        Assert.NotNull(await host.Catalog.GetCheckpointAsync("local-dachs", HarvestRunner.ResumeKey, CancellationToken.None));

        var second = await host.HarvestAsync(sources: sources);
        Assert.Equal("completed", second.Status);
        Assert.Equal("resumed", second.Mode);
        Assert.Equal(Observations - 600, second.RowsRead);
        Assert.Equal(Observations - 600 + 3, second.Added);
        Assert.Equal(Observations + 3, await host.Catalog.CountAsync(CancellationToken.None));
        Assert.Null(await host.Catalog.GetCheckpointAsync("local-dachs", HarvestRunner.ResumeKey, CancellationToken.None));
    }

    [DachsFact]
    public async Task Uws_jobs_harvest_the_obscore_view()
    {
        using var host = new HarvestHost();
        var run = await host.HarvestAsync("local-dachs-obscore");
        Assert.Equal("completed", run.Status);
        Assert.Equal(Observations, run.RowsRead);
        Assert.Equal(Observations + 3, run.Added);
        // ivoa.obscore serves s_region as STC-S text; the footprints must be the same polygons.
        var stored = (await host.Catalog.GetAsync("local-dachs-obscore:ivo://portal.test/portalobs?hst/j1000000", CancellationToken.None))!.Record;
        Assert.Equal(4, stored.Sky!.Polygon!.Count);
        Assert.InRange(stored.Sky.Ra, 189.2, 189.3);
    }

    [DachsFact]
    public async Task The_registry_harvest_keeps_services_with_their_endpoints()
    {
        using var host = new HarvestHost();
        var run = await host.HarvestAsync("local-registry");
        Assert.Equal("completed", run.Status);
        Assert.Equal(0, run.Failed);
        var tap = (await host.Catalog.GetAsync("local-registry:ivo://portal.test/tap", CancellationToken.None))!.Record;
        Assert.Equal(AssetType.Service, tap.AssetType);
        Assert.Contains(tap.Access, a => a.Url == DachsPeer.TapUrl && a.Title == "TAP");
        Assert.Equal(DachsPeer.TapUrl, tap.Details["endpoint TAP"]);
        var collection = (await host.Catalog.GetAsync("local-registry:ivo://portal.test/portalobs/q/import", CancellationToken.None))!.Record;
        Assert.Equal(AssetType.Dataset, collection.AssetType);
        Assert.Contains("x-ray-astronomy", collection.Keywords);
        Assert.Contains("x-ray", collection.Wavebands);
        Assert.Contains(collection.Authors, a => a.Name == "Discovery Portal");
        var services = await host.SearchAsync("assetType=service&size=10");
        Assert.Equal(2, (long)services["total"]!); // the TAP service and the registry itself
    }

    [DachsFact]
    public async Task The_tap_client_discovers_and_queries_the_real_service()
    {
        var client = DachsPeer.Client();
        Assert.True(await client.IsAvailableAsync(CancellationToken.None));
        var capabilities = await client.GetCapabilitiesAsync(CancellationToken.None);
        Assert.True(capabilities.HasObsCore);
        Assert.Equal(100_000, capabilities.HardOutputLimit);
        var columns = await client.GetColumnsAsync(["ivoa.obscore", "nowhere.t"], CancellationToken.None);
        Assert.Contains("s_region", columns["ivoa.obscore"]);
        Assert.Contains("t_min", columns["ivoa.obscore"]);
        Assert.False(columns.ContainsKey("nowhere.t"));

        var overflow = await client.QueryAsync(AdqlQuery.From("ivoa.obscore").Select("obs_id"), 5, CancellationToken.None);
        Assert.True(overflow.Overflow);
        Assert.Equal(5, overflow.Tables[0].Rows.Count);
        var top = await client.QueryAsync(AdqlQuery.From("ivoa.obscore").Select("obs_id").Top(5), 1000, CancellationToken.None);
        Assert.False(top.Overflow);

        var error = await Assert.ThrowsAsync<VoTableQueryException>(() => client.QueryAsync(AdqlQuery.From("nowhere.t"), 10, CancellationToken.None));
        Assert.Contains("nowhere.t", error.ServiceMessage, StringComparison.Ordinal);

        // A hostile value stays a value: it matches nothing and breaks nothing.
        var hostile = await client.QueryAsync(AdqlQuery.From("ivoa.obscore").Where("obs_id", AdqlComparison.Equal, "x' OR '1'='1"), 10, CancellationToken.None);
        Assert.Empty(hostile.Tables[0].Rows);

        var job = await client.RunJobAsync(AdqlQuery.From("ivoa.obscore").Select("obs_publisher_did").Top(7).OrderBy("obs_publisher_did"), 100, TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.Equal(7, job.Tables[0].Rows.Count);
        var dids = job.Tables[0].Rows.Select(r => (string)r[0]!).ToList();
        Assert.Equal(dids.Order(StringComparer.Ordinal), dids);
        // The job was deleted once its result was read: the service's job list holds no job of ours.
        using var http = new HttpClient();
        var jobs = System.Xml.Linq.XDocument.Parse(await http.GetStringAsync(DachsPeer.TapUrl + "/async"));
        Assert.DoesNotContain(jobs.Descendants(), e => e.Name.LocalName == "jobref");
    }

    /// <summary>Progress reported on the harvest's own thread, so a test can stop it at an exact page.</summary>
    private sealed class SynchronousProgress(Action<HarvestProgress> report) : IProgress<HarvestProgress>
    {
        public void Report(HarvestProgress value) => report(value);
    }
}
