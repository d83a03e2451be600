using System.Globalization;
using System.Text.Json.Nodes;
using DiscoveryPortal.SearchApi.Tests.Clients;

namespace DiscoveryPortal.SearchApi.Tests.ConeSearch;

/// <summary>
/// The cone search as the Virtual Observatory's own clients read it from the running host: pyvo's
/// <c>SCSService</c> and its VOSI parsers, and STILTS <c>cone</c>. Each agrees with <c>/api/search</c> on the count.
/// </summary>
public sealed class ConeSearchClientTests(LiveApiServer server) : IClassFixture<LiveApiServer>
{
    private async Task<long> ApiTotal(string query) => (long)JsonNode.Parse(await server.Client.GetStringAsync("/api/search?size=1&" + query))!["total"]!;

    private JsonNode Pyvo(params string[] args)
    {
        var (exit, stdout, stderr) = ExternalClient.Pyvo.Run(180, [TestPaths.Source("ConeSearch", "pyvo_cone.py"), server.BaseUrl.TrimEnd('/'), .. args]);
        Assert.True(exit == 0, stderr);
        return JsonNode.Parse(stdout)!;
    }

    [ClientFact(nameof(ExternalClient.Pyvo))]
    public async Task Pyvo_reads_the_cone_and_counts_what_the_search_counts()
    {
        var read = Pyvo("83.63", "22.01", "1", "2");

        var count = (int)read["count"]!;
        Assert.Equal(await ApiTotal("ra=83.63&dec=22.01&radius=1"), count);
        Assert.True(count > 10);
        Assert.Equal("ID_MAIN", (string?)read["ucds"]!["id"]);
        Assert.Equal("POS_EQ_RA_MAIN", (string?)read["ucds"]!["sky.ra"]);
        // pyvo finds each row's id and position by those UCDs; every footprint meets the cone.
        Assert.Equal(count, read["ids"]!.AsArray().Select(i => (string)i!).Distinct().Count());
        var radii = read["radii"]!.AsArray().Select(r => (double)r!).ToList();
        Assert.All(read["positions"]!.AsArray().Select((p, i) => (Distance: Connectors.Records.SkyGeometry.AngularDistance(83.63, 22.01, (double)p![0]!, (double)p[1]!), Radius: radii[i])),
            p => Assert.True(p.Distance <= 1 + p.Radius + 1e-6, $"{p.Distance} from the centre with a radius of {p.Radius}"));
    }

    [ClientFact(nameof(ExternalClient.Pyvo))]
    public async Task Pyvo_passes_facet_parameters_and_they_narrow_as_in_the_search()
    {
        var read = Pyvo("83.63", "22.01", "2", "3", "mission=HST", "productType=spectrum");

        Assert.Equal(await ApiTotal("ra=83.63&dec=22.01&radius=2&mission=HST&productType=spectrum"), (int)read["count"]!);
        Assert.True((int)read["count"]! > 0);
        Assert.Contains("sky.polygon", read["fields"]!.AsArray().Select(f => (string)f!));
    }

    [ClientFact(nameof(ExternalClient.Pyvo))]
    public void Pyvo_reports_the_error_votable_of_bad_input()
    {
        var read = Pyvo("83.63", "22.01", "200", "2");

        Assert.Contains("SR must be between 0 and 180", (string)read["error"]!, StringComparison.Ordinal);
    }

    [ClientFact(nameof(ExternalClient.Pyvo))]
    public void Pyvo_reads_the_vosi_capabilities_and_availability()
    {
        var read = Pyvo("vosi");

        var cone = read["capabilities"]!.AsArray().Single(c => (string?)c!["standardID"] == "ivo://ivoa.net/std/ConeSearch")!;
        Assert.Equal(server.BaseUrl.TrimEnd('/') + "/vo/scs", (string?)cone["urls"]![0]);
        Assert.Contains(read["capabilities"]!.AsArray(), c => (string?)c!["standardID"] == "ivo://ivoa.net/std/VOSI#availability");
        Assert.True((bool)read["available"]!);
    }

    [ClientFact(nameof(ExternalClient.Stilts))]
    public async Task Stilts_cone_counts_what_the_search_counts()
    {
        foreach (var (ra, dec, sr) in new[] { (83.63, 22.01, 1.0), (202.48, 47.23, 0.5), (10.68, 41.27, 3.0) })
        {
            string F(double v) => v.ToString(CultureInfo.InvariantCulture);
            var (exit, stdout, stderr) = ExternalClient.Stilts.Run(180, "cone", $"serviceurl={server.BaseUrl.TrimEnd('/')}/vo/scs", $"lon={F(ra)}", $"lat={F(dec)}", $"radius={F(sr)}",
                "verb=3", "omode=count");
            Assert.True(exit == 0, stderr);
            // "columns: 27   rows: 197"
            var rows = long.Parse(System.Text.RegularExpressions.Regex.Match(stdout, @"rows:\s*(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Equal(await ApiTotal($"ra={F(ra)}&dec={F(dec)}&radius={F(sr)}"), rows);
        }
    }
}
