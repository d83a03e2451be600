using System.Net;
using System.Text.Json.Nodes;

namespace DiscoveryPortal.SearchApi.Tests;

public class AssetEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Returns_the_full_record_of_a_hit()
    {
        var search = JsonNode.Parse(await _client.GetStringAsync("/api/search?q=Alps&mission=Sentinel-2&size=1"))!;
        var id = (string)search["hits"]![0]!["id"]!;

        var asset = JsonNode.Parse(await _client.GetStringAsync("/api/assets/" + Uri.EscapeDataString(id)))!;

        var record = asset["record"]!;
        Assert.Equal(id, (string?)record["id"]);
        Assert.Equal("Sentinel-2", (string?)record["mission"]);
        Assert.NotNull(record["ground"]!["box"]!["west"]);
        Assert.NotNull(record["time"]!["start"]);
        Assert.NotNull(record["platform"]);
        Assert.NotNull(asset["updatedAt"]);
    }

    [Fact]
    public async Task Ids_with_slashes_and_colons_round_trip()
    {
        var id = "esa-registry:ivo://esavo/hst/tap";

        var response = await _client.GetAsync("/api/assets/" + Uri.EscapeDataString(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["record"]!["id"]);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
    {
        var response = await _client.GetAsync("/api/assets/nowhere%3Anothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nowhere:nothing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        Assert.True(paths.ContainsKey("/api/search"));
        Assert.True(paths.ContainsKey("/api/assets/{id}"));
        var parameters = paths["/api/search"]!["get"]!["parameters"]!.AsArray().Select(p => (string?)p!["name"]).ToList();
        foreach (var name in new[] { "q", "domain", "mission", "instrument", "assetType", "ra", "dec", "radius", "bbox", "start", "end", "sort", "size", "cursor" })
        {
            Assert.Contains(name, parameters);
        }
    }

    [Fact]
    public async Task Health_reports_the_catalogue()
    {
        var response = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
