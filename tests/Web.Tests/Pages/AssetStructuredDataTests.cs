using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Web.Tests.Pages;

/// <summary>
/// The schema.org Dataset JSON-LD of an asset page, read back by rdflib as RDF; a record whose text tries to end
/// the script element (and so run its own) stays inside it as data; the pages offer the portal as a search engine
/// and each search as a feed.
/// </summary>
public sealed partial class AssetStructuredDataTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Python = "/usr/bin/python3";
    private const string Hostile = "Ice </script><script>alert(1)</script> <!-- \u2028 & 'drift'";
    private readonly HttpClient _client = portal.CreateClient();

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLd();

    private async Task<string> RegisterAsync()
    {
        var record = new AssetRecord
        {
            Id = "jsonld-test:ice",
            SourceId = "jsonld-test",
            Title = Hostile,
            Description = "Daily sea-ice drift </SCRIPT > grids.",
            Domain = Domains.EarthObservation,
            Authors = [new("Ada Lovelace", "0000-0002-1825-0097", "ESA"), new("Grace Hopper")],
            Keywords = ["sea ice", "drift"],
            License = "CC-BY-4.0",
            Doi = "10.5281/zenodo.424242",
            Formats = ["application/x-netcdf"],
            Time = new(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), null),
            Ground = new GroundFootprint(new BoundingBox(-10, 60, 10, 80)),
            Access = [new("https://data.example.org/ice.nc", Format: "application/x-netcdf", SizeBytes: 1234), new("https://data.example.org/ice.zip")],
        };
        var catalog = portal.Services.GetRequiredService<ICatalogStore>();
        using var write = catalog.BeginWrite();
        await catalog.UpsertAsync(write, [new CatalogEntry(record)], CancellationToken.None);
        write.Commit();
        return await _client.GetStringAsync("/assets/" + Uri.EscapeDataString(record.Id));
    }

    [Fact]
    public async Task Hostile_record_text_stays_data_inside_the_script_element()
    {
        var html = await RegisterAsync();
        var blocks = JsonLd().Matches(html);
        Assert.Single(blocks);
        var json = blocks[0].Groups[1].Value;
        // Nothing the record says can end the element early or open a comment in it.
        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        Assert.DoesNotContain(">", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(Hostile, parsed.RootElement.GetProperty("name").GetString());
    }

    [RdflibFact]
    public async Task Rdflib_reads_a_dataset_with_every_field_search_engines_look_for()
    {
        var html = await RegisterAsync();
        var file = Path.Combine(Path.GetTempPath(), "portal-jsonld-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, JsonLd().Match(html).Groups[1].Value);
        try
        {
            var script = Path.Combine(DataRoot.Locate(AppContext.BaseDirectory), "tests", "Web.Tests", "Pages", "jsonld_read.py");
            using var process = Process.Start(new ProcessStartInfo(Python, [script, file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, error);
            using var read = JsonDocument.Parse(output);
            var g = read.RootElement;
            string[] Strings(string name) => [.. g.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
            Assert.EndsWith("/assets/jsonld-test%3Aice", g.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal(Hostile, g.GetProperty("name").GetString());
            Assert.Equal("Daily sea-ice drift </SCRIPT > grids.", g.GetProperty("description").GetString());
            Assert.Equal(["https://doi.org/10.5281/zenodo.424242", "jsonld-test:ice"], Strings("identifier"));
            Assert.Equal(["Ada Lovelace", "Grace Hopper"], Strings("creators"));
            Assert.Contains("https://orcid.org/0000-0002-1825-0097", Strings("creatorIds"));
            Assert.Equal("CC-BY-4.0", g.GetProperty("license").GetString());
            Assert.Equal(["drift", "sea ice"], Strings("keywords"));
            Assert.Equal(["60 -10 80 10"], Strings("box"));
            Assert.Equal("2020-01-01T00:00:00Z/..", g.GetProperty("temporalCoverage").GetString());
            Assert.Equal(["https://data.example.org/ice.nc", "https://data.example.org/ice.zip"], Strings("contentUrls"));
            Assert.Equal(["application/x-netcdf", "application/x-netcdf"], Strings("encodingFormats"));
            Assert.Equal(["Discovery Portal"], Strings("catalog"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Every_page_offers_the_portal_as_a_search_engine_and_a_search_offers_its_feed()
    {
        var home = await _client.GetStringAsync("/");
        Assert.Contains("<link rel=\"search\" type=\"application/opensearchdescription+xml\" href=\"/opensearch.xml\"", home, StringComparison.Ordinal);

        var results = await _client.GetStringAsync("/search?q=Sentinel&domain=Earth%20Observation&sort=title");
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Follow this search\" href=\"/api/search?q=Sentinel&amp;domain=Earth%20Observation&amp;format=atom\"", results, StringComparison.Ordinal);
        Assert.Contains(">Follow this search</a>", results, StringComparison.Ordinal);
        using var feed = await _client.GetAsync("/api/search?q=Sentinel&domain=Earth%20Observation&format=atom");
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType!.MediaType);
    }
}

/// <summary>A fact that reads RDF with Debian's python3-rdflib; skipped, saying so, where it is missing.</summary>
public sealed class RdflibFactAttribute : FactAttribute
{
    public RdflibFactAttribute()
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            Skip = "needs /usr/bin/python3 with rdflib (Debian python3-rdflib; ops/install-test-peers.sh installs it)";
            return;
        }
        using var probe = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import rdflib"]) { RedirectStandardError = true })!;
        if (!probe.WaitForExit(30_000) || probe.ExitCode != 0)
        {
            Skip = "needs Debian python3-rdflib (ops/install-test-peers.sh installs it)";
        }
    }
}
