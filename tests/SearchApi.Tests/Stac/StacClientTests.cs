using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DiscoveryPortal.SearchApi.Tests.Clients;

namespace DiscoveryPortal.SearchApi.Tests.Stac;

/// <summary>
/// <c>/stac</c> and <c>/records</c> as clients nobody here wrote read them from the running host:
/// stac-node-validator checks every kind of answer against the STAC 1.0 schemas, OWSLib's OGC API – Features and
/// – Records clients read collections, items and records, and each count agrees with <c>/api/search</c>.
/// </summary>
public sealed partial class StacClientTests(LiveApiServer server) : IClassFixture<LiveApiServer>
{
    private async Task<long> ApiTotal(string query) => (long)JsonNode.Parse(await server.Client.GetStringAsync("/api/search?size=1&" + query))!["total"]!;

    private async Task<JsonNode> Get(string path) => JsonNode.Parse(await server.Client.GetStringAsync(path))!;

    private async Task<JsonNode> Post(string body)
    {
        var response = await server.Client.PostAsync("/stac/search", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static (int Exit, string Out, string Err) Validate(string folder)
    {
        var validator = Path.Combine(TestPaths.Repository(), "ops", "stac-validator");
        return ExternalClient.StacValidator.Run(300, folder, "--schemas", Path.Combine(validator, "schemas", "stac", "v1.0.0"),
            "--schemaMap", "https://geojson.org/schema/=" + Path.Combine(validator, "schemas", "geojson") + "/", "--verbose");
    }

    private static int Count(string summary, string name) => int.Parse(Regex.Match(summary, name + @":\s*(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [ClientFact(nameof(ExternalClient.StacValidator))]
    public async Task Stac_node_validator_passes_every_kind_of_answer()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-stac-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var written = 0;
            void Write(string name, JsonNode document)
            {
                File.WriteAllText(Path.Combine(folder, $"{written++:D3}-{name}.json"), document.ToJsonString());
            }
            // The validator checks the members of a list, not the list: each collection and item goes on its own.
            void Members(string name, JsonNode list, string member)
            {
                var members = list[member]!.AsArray();
                Assert.NotEmpty(members);
                foreach (var m in members)
                {
                    Write(name, m!.DeepClone());
                }
            }
            Write("landing", await Get("/stac"));
            Members("collections", await Get("/stac/collections"), "collections");
            Write("collection", await Get("/stac/collections/recorded-peps-stac"));
            var ground = await Get("/stac/collections/recorded-peps-stac/items");
            // Some of them carry a quicklook: the thumbnail asset is validated too.
            Assert.Contains(ground["features"]!.AsArray(), f => f!["assets"]!["thumbnail"] is not null);
            Members("items-ground", ground, "features");
            Members("items-sky", await Get("/stac/search?collections=recorded-dachs&limit=30"), "features");
            Members("search-words", await Get("/stac/search?q=" + Uri.EscapeDataString("sentinel alps") + "&limit=30"), "features");
            Members("search-tools", await Get("/stac/search?filter=" + Uri.EscapeDataString("assetType IN ('tool','datalab','service','document')") + "&limit=30"), "features");
            Members("search-post", await Post("""{"bbox":[-180,-90,180,90],"datetime":"2015-01-01T00:00:00Z/..","limit":40,"sortby":[{"field":"datetime","direction":"desc"}]}"""), "features");
            var first = (string)(await Get("/stac/collections/recorded-zenodo/items"))["features"]![0]!["id"]!;
            Write("item", await Get($"/stac/collections/recorded-zenodo/items/{Uri.EscapeDataString(first)}"));

            var (exit, stdout, stderr) = Validate(folder);

            Assert.True(exit == 0, $"{stdout}\n{stderr}");
            Assert.Equal(written, Count(stdout, "Passed"));
            Assert.Equal(0, Count(stdout, "Invalid"));
            Assert.Equal(0, Count(stdout, "Skipped"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [ClientFact(nameof(ExternalClient.StacValidator))]
    public async Task Stac_node_validator_refuses_an_item_without_its_time()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-stac-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var item = (await Get("/stac/collections/recorded-peps-stac/items?limit=1"))["features"]![0]!.DeepClone();
            item["properties"]!.AsObject().Remove("datetime");
            File.WriteAllText(Path.Combine(folder, "broken.json"), item.ToJsonString());

            var (_, stdout, stderr) = Validate(folder);

            Assert.True(Count(stdout, "Invalid") == 1, $"{stdout}\n{stderr}");
            Assert.Contains("datetime", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private JsonNode OwsLib(params string[] args)
    {
        var (exit, stdout, stderr) = ExternalClient.OwsLib.Run(180, [TestPaths.Source("Stac", "owslib_read.py"), .. args]);
        Assert.True(exit == 0, stderr);
        return JsonNode.Parse(stdout)!;
    }

    [ClientFact(nameof(ExternalClient.OwsLib))]
    public async Task OwsLib_features_client_reads_collections_and_items_and_counts_what_the_search_counts()
    {
        var read = OwsLib("features", server.BaseUrl.TrimEnd('/'), "copernicus-dataspace");

        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", read["conformsTo"]!.AsArray().Select(c => (string)c!));
        Assert.Contains("copernicus-dataspace", read["collections"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(await ApiTotal("source=copernicus-dataspace"), (long)read["matched"]!);
        Assert.Equal(7, (int)read["returned"]!);
        Assert.True((bool)read["next"]!);
        var boxed = await ApiTotal("source=copernicus-dataspace&bbox=5,44,11,48&start=2021-01-01T00:00:00Z&end=2021-12-31T23:59:59Z");
        Assert.Equal(boxed, (long)read["boxedMatched"]!);
        Assert.True(boxed > 0);
        Assert.Equal((string?)read["first"], (string?)read["one"]);
    }

    [ClientFact(nameof(ExternalClient.OwsLib))]
    public async Task OwsLib_records_client_reads_the_catalogue_and_counts_what_the_search_counts()
    {
        var read = OwsLib("records", server.BaseUrl.TrimEnd('/'), "herschel", "dataset,observation");

        Assert.Equal(["catalogue"], read["catalogues"]!.AsArray().Select(c => (string)c!));
        Assert.Contains("tool", read["recordTypes"]!.AsArray().Select(c => (string)c!));
        var expected = await ApiTotal("q=herschel&assetType=dataset&assetType=observation");
        Assert.Equal(expected, (long)read["matched"]!);
        Assert.True(expected > 0);
        Assert.All(read["types"]!.AsArray(), t => Assert.Contains((string)t!, new[] { "dataset", "observation" }));
        Assert.Equal((string?)read["first"], (string?)read["one"]);
        Assert.Contains("Herschel", (string)read["title"]!, StringComparison.OrdinalIgnoreCase);
    }
}
