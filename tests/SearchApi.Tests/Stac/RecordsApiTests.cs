using System.Net;
using System.Text.Json.Nodes;

namespace DiscoveryPortal.SearchApi.Tests.Stac;

/// <summary><c>/records</c> read in-process: the one catalogue, its records by type, words, place and time, as <c>/api/search</c> counts them.</summary>
public sealed class RecordsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _client = api.CreateClient();

    private async Task<long> ApiTotal(string query) => (long)JsonNode.Parse(await _client.GetStringAsync("/api/search?size=1&" + query))!["total"]!;

    private async Task<JsonNode> Get(string path) => JsonNode.Parse(await _client.GetStringAsync(path))!;

    [Theory]
    [InlineData("type=tool,datalab", "assetType=tool&assetType=datalab")]
    [InlineData("type=collection&q=sentinel", "assetType=collection&q=sentinel")]
    [InlineData("bbox=5,44,11,48&datetime=2021-01-01/2021-12-31", "bbox=5,44,11,48&start=2021-01-01&end=2021-12-31")]
    [InlineData("filter=mission%3D'JWST'&type=observation", "mission=JWST&assetType=observation")]
    public async Task The_catalogue_counts_what_the_search_counts(string records, string search)
    {
        var page = await Get("/records/collections/catalogue/items?" + records);

        var expected = await ApiTotal(search);
        Assert.Equal(expected, (long)page["numberMatched"]!);
        Assert.True(expected > 0);
    }

    [Fact]
    public async Task A_record_carries_its_type_time_themes_and_links_to_the_data()
    {
        var page = await Get("/records/collections/catalogue/items?type=observation&filter=" + Uri.EscapeDataString("collection='recorded-peps-stac'"));
        var record = page["features"]![0]!;
        var one = await Get("/records/collections/catalogue/items/" + Uri.EscapeDataString((string)record["id"]!));

        Assert.Equal("observation", (string?)record["properties"]!["type"]);
        Assert.NotNull(record["time"]!["interval"]);
        Assert.NotNull(record["geometry"]);
        Assert.Contains(record["properties"]!["themes"]!.AsArray(), t => (string?)t!["scheme"] == "mission");
        Assert.Contains(record["links"]!.AsArray(), l => (string?)l!["rel"] == "enclosure");
        Assert.Equal((string?)record["id"], (string?)one["id"]);
    }

    [Fact]
    public async Task The_catalogue_is_the_one_record_collection_and_others_are_not_found()
    {
        var collections = (await Get("/records/collections"))["collections"]!.AsArray();
        var conformance = (await Get("/records/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!);

        Assert.Equal("record", (string?)collections.Single()!["itemType"]);
        Assert.Equal(api.SeededCount, (long)collections.Single()!["discovery:count"]!);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/record-core", conformance);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/records/collections/datasets/items")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/records/collections/catalogue/items/no%3Asuch")).StatusCode);
        var bad = await _client.GetAsync("/records/collections/catalogue/items?type=poem");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("poem", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
