using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.SearchApi.Quicklooks;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Stac;

/// <summary><c>/stac</c> read in-process: every selection counts what <c>/api/search</c> counts for it, pages add up, bad input names its parameter.</summary>
public sealed class StacApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _client = api.CreateClient();

    private async Task<long> ApiTotal(string query) => (long)JsonNode.Parse(await _client.GetStringAsync("/api/search?size=1&" + query))!["total"]!;

    private async Task<JsonNode> Get(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<JsonNode> Post(string body)
    {
        var response = await _client.PostAsync("/stac/search", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static long Matched(JsonNode page) => (long)page["numberMatched"]!;

    private static string Q(string s) => Uri.EscapeDataString(s);

    [Theory]
    [InlineData("collections=recorded-dachs", "source=recorded-dachs")]
    [InlineData("collections=recorded-dachs,copernicus-dataspace", "source=recorded-dachs&source=copernicus-dataspace")]
    [InlineData("bbox=5,44,11,48", "bbox=5,44,11,48")]
    [InlineData("bbox=5,44,0,11,48,4000", "bbox=5,44,11,48")]
    [InlineData("datetime=2021-01-01T00:00:00Z/2021-12-31T23:59:59Z", "start=2021-01-01T00:00:00Z&end=2021-12-31T23:59:59Z")]
    [InlineData("datetime=../2000-01-01T00:00:00Z", "end=2000-01-01T00:00:00Z")]
    [InlineData("datetime=2022-07-01T00:00:00Z/..", "start=2022-07-01T00:00:00Z")]
    [InlineData("q=crab nebula", "q=crab nebula")]
    [InlineData("q=sentinel&bbox=-180,-90,180,90", "q=sentinel&bbox=-180,-90,180,90")]
    [InlineData("filter=mission='HST' AND productType IN ('spectrum','image')", "mission=HST&productType=spectrum&productType=image")]
    [InlineData("filter=(waveband='infrared' OR waveband='optical') AND assetType='observation'&filter-lang=cql2-text", "waveband=infrared&waveband=optical&assetType=observation")]
    [InlineData("filter={\"op\":\"in\",\"args\":[{\"property\":\"mission\"},[\"JWST\",\"HST\"]]}&filter-lang=cql2-json", "mission=JWST&mission=HST")]
    [InlineData("filter=collection='recorded-dachs' AND properties.instrument='ACS'", "source=recorded-dachs&instrument=ACS")]
    public async Task A_search_counts_what_the_api_search_counts_for_the_same_selection(string stac, string search)
    {
        var query = string.Join('&', stac.Split('&').Select(p => p.Split('=', 2)).Select(p => p[0] + "=" + Q(p[1])));
        var page = await Get("/stac/search?" + query);

        var expected = await ApiTotal(string.Join('&', search.Split('&').Select(p => p.Split('=', 2)).Select(p => p[0] + "=" + Q(p[1]))));
        Assert.Equal(expected, Matched(page));
        Assert.True(expected > 0, $"{search} selects nothing: the comparison would prove little");
        Assert.Equal(Math.Min(expected, 10), page["features"]!.AsArray().Count);
        Assert.Equal(page["features"]!.AsArray().Count, (int)page["numberReturned"]!);
    }

    [Fact]
    public async Task Post_takes_the_same_parameters_as_a_body_and_counts_the_same()
    {
        var get = await Get("/stac/search?collections=recorded-dachs&bbox=-180,-90,180,90&filter=" + Q("productType='image'"));
        var post = await Post("""{"collections":["recorded-dachs"],"filter":{"op":"=","args":[{"property":"productType"},"image"]},"limit":5}""");
        var intersects = await Post("""{"intersects":{"type":"Polygon","coordinates":[[[5,44],[11,44],[11,48],[5,48],[5,44]]]},"datetime":"2021-01-01/2021-12-31"}""");

        Assert.Equal(await ApiTotal("source=recorded-dachs&productType=image"), Matched(post));
        Assert.Equal(0, Matched(get)); // sky records have no ground box: a box selects none of them
        Assert.Equal(5, post["features"]!.AsArray().Count);
        Assert.Equal(await ApiTotal("bbox=5,44,11,48&start=2021-01-01&end=2021-12-31"), Matched(intersects));
        Assert.True(Matched(intersects) > 0);
    }

    [Fact]
    public async Task Next_links_page_through_every_item_once_by_get_and_by_post()
    {
        var expected = await ApiTotal("source=copernicus-dataspace&mission=Sentinel-2");
        var seen = new List<string>();
        string? next = "/stac/search?collections=copernicus-dataspace&limit=37&filter=" + Q("mission='Sentinel-2'");
        while (next is not null)
        {
            var page = await Get(next);
            Assert.Equal(expected, Matched(page));
            seen.AddRange(page["features"]!.AsArray().Select(f => (string)f!["id"]!));
            next = page["links"]!.AsArray().FirstOrDefault(l => (string?)l!["rel"] == "next")?["href"] is { } href ? new Uri((string)href!).PathAndQuery : null;
        }
        Assert.Equal(expected, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());

        var posted = new List<string>();
        JsonNode? body = JsonNode.Parse("""{"collections":["copernicus-dataspace"],"limit":50,"filter":{"op":"=","args":[{"property":"mission"},"Sentinel-2"]}}""");
        while (body is not null)
        {
            var page = await Post(body.ToJsonString());
            posted.AddRange(page["features"]!.AsArray().Select(f => (string)f!["id"]!));
            var link = page["links"]!.AsArray().FirstOrDefault(l => (string?)l!["rel"] == "next");
            Assert.True(link is null || (string?)link["method"] == "POST");
            body = link?["body"]?.DeepClone();
        }
        Assert.Equal(seen.Order(StringComparer.Ordinal), posted.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ids_select_those_records_and_an_item_is_found_under_its_collection()
    {
        var some = (await Get("/stac/search?collections=recorded-peps-stac&limit=3"))["features"]!.AsArray().Select(f => (string)f!["id"]!).ToList();
        Assert.Equal(3, some.Count);

        var page = await Get("/stac/search?ids=" + Q(string.Join(',', some.Append("recorded-peps-stac:no-such-item"))));
        var item = await Get($"/stac/collections/recorded-peps-stac/items/{Q(some[0])}");
        var elsewhere = await _client.GetAsync($"/stac/collections/recorded-dachs/items/{Q(some[0])}");

        Assert.Equal(3, Matched(page));
        Assert.Equal(some.Order(StringComparer.Ordinal), page["features"]!.AsArray().Select(f => (string)f!["id"]!).Order(StringComparer.Ordinal));
        Assert.Equal(some[0], (string?)item["id"]);
        Assert.Equal("recorded-peps-stac", (string?)item["collection"]);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Collections_are_the_sources_and_their_items_are_the_search_of_the_source()
    {
        var collections = (await Get("/stac/collections"))["collections"]!.AsArray();
        var ids = collections.Select(c => (string)c!["id"]!).ToList();

        Assert.Contains("recorded-dachs", ids);
        Assert.Equal(api.SeededCount, collections.Sum(c => (long)c!["discovery:count"]!));
        foreach (var id in new[] { "recorded-dachs", "recorded-peps-stac", "copernicus-dataspace" })
        {
            var items = await Get($"/stac/collections/{id}/items?limit=3");
            Assert.Equal(await ApiTotal("source=" + id), Matched(items));
            Assert.All(items["features"]!.AsArray(), f => Assert.Equal(id, (string?)f!["collection"]));
        }
        // The PEPS collection record gave its dates: the collection's time extent is theirs.
        var peps = await Get("/stac/collections/recorded-peps-stac");
        var record = (await Get("/stac/search?collections=recorded-peps-stac&filter=" + Q("assetType='collection'")))["features"]![0]!;
        var interval = peps["extent"]!["temporal"]!["interval"]![0]!.AsArray();
        Assert.Equal((string?)(record["properties"]!["start_datetime"] ?? record["properties"]!["datetime"]), (string?)interval[0]);
        Assert.NotNull((string?)interval[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/stac/collections/no-such-source")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/stac/collections/no-such-source/items")).StatusCode);
    }

    [Fact]
    public async Task Sky_records_have_no_geometry_and_their_position_in_properties_ground_records_their_footprint()
    {
        var sky = (await Get("/stac/search?collections=recorded-dachs&limit=5&filter=" + Q("assetType='observation'")))["features"]!.AsArray();
        var ground = (await Get("/stac/search?bbox=5,44,11,48&limit=5"))["features"]!.AsArray();

        Assert.All(sky, f =>
        {
            Assert.Null(f!["geometry"]);
            Assert.Null(f["bbox"]);
            Assert.InRange((double)f["properties"]!["discovery:sky"]!["dec"]!, -90, 90);
        });
        Assert.All(ground, f =>
        {
            Assert.Contains((string)f!["geometry"]!["type"]!, new[] { "Polygon", "MultiPolygon", "Point" });
            var bbox = f["bbox"]!.AsArray().Select(v => (double)v!).ToList();
            Assert.True(bbox[1] <= 48 && bbox[3] >= 44, $"{f["id"]} box {string.Join(',', bbox)} is not near the Alps");
        });
    }

    [Fact]
    public async Task A_record_with_a_quicklook_has_a_thumbnail_asset_on_the_portals_route_and_one_without_has_none()
    {
        var catalog = api.Services.GetRequiredService<ICatalogStore>();
        var items = (await Get("/stac/search?collections=recorded-peps-stac&limit=20"))["features"]!.AsArray();
        var (with, without) = (0, 0);
        foreach (var item in items)
        {
            var id = (string)item!["id"]!;
            var record = (await catalog.GetAsync(id, CancellationToken.None))!.Record;
            var thumbnail = item["assets"]!["thumbnail"];
            if (record.Quicklook is not { } quicklook)
            {
                without++;
                Assert.Null(thumbnail);
                Assert.DoesNotContain(item["assets"]!.AsObject(), a => a.Value!["roles"]!.AsArray().Any(r => (string?)r == "thumbnail"));
                continue;
            }
            with++;
            // The portal's own absolute URL, never the archive's: the self link says which host that is.
            var href = new Uri((string)thumbnail!["href"]!);
            var self = new Uri((string)item["links"]!.AsArray().Single(l => (string?)l!["rel"] == "self")!["href"]!);
            Assert.True(href.IsAbsoluteUri);
            Assert.Equal(self.GetLeftPart(UriPartial.Authority), href.GetLeftPart(UriPartial.Authority));
            Assert.Equal(QuicklookEndpoints.PathOf(id), href.AbsolutePath);
            Assert.NotEqual(quicklook.Url, href.ToString());
            Assert.Equal(["thumbnail"], thumbnail["roles"]!.AsArray().Select(r => (string)r!));
            Assert.Equal(quicklook.MediaType, (string?)thumbnail["type"]);
            Assert.NotNull(quicklook.MediaType);
            // The data assets are still the access links, one each.
            Assert.Equal(record.Access.Count, item["assets"]!.AsObject().Count - 1);
        }
        Assert.True(with > 0, "no PEPS item has a quicklook: the thumbnail goes untested");
        Assert.True(without > 0, "every PEPS item has a quicklook: the absence goes untested");
    }

    [Fact]
    public async Task Sorting_by_newest_and_title_orders_the_items()
    {
        var titles = (await Get("/stac/search?collections=recorded-dachs&sortby=%2Btitle&limit=20"))["features"]!.AsArray().Select(f => (string)f!["properties"]!["title"]!).ToList();
        var post = await Post("""{"collections":["recorded-dachs"],"sortby":[{"field":"properties.title","direction":"asc"}],"limit":20}""");

        Assert.Equal(titles.OrderBy(t => t.ToLowerInvariant(), StringComparer.Ordinal), titles);
        Assert.Equal(titles, post["features"]!.AsArray().Select(f => (string)f!["properties"]!["title"]!));
    }

    [Theory]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("datetime=yesterday", "datetime")]
    [InlineData("datetime=../..", "datetime")]
    [InlineData("limit=0", "limit")]
    [InlineData("sortby=%2Bdatetime", "sortby")]
    [InlineData("filter=mission%3D'HST'%20OR%20instrument%3D'MSI'", "filter")]
    [InlineData("filter=mission%20LIKE%20'H%25'", "filter")]
    [InlineData("filter=colour%3D'red'", "filter")]
    [InlineData("filter=mission%3D'HST'&filter-lang=sql", "filter-lang")]
    [InlineData("intersects=%7B%22type%22%3A%22Blob%22%7D", "intersects")]
    [InlineData("token=forged", "token")]
    [InlineData("collections=a&filter=collection%3D'b'", "filter")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string query, string parameter)
    {
        var response = await _client.GetAsync("/stac/search?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(problem["errors"]!.AsObject().ContainsKey(parameter), problem.ToJsonString());
    }

    [Theory]
    [InlineData("""{"sortby":["title"]}""", "sortby")]
    [InlineData("""{"bbox":"1,2,3,4"}""", "bbox")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""{"filter":{"op":"and","args":[1,2]}}""", "filter")]
    [InlineData("""{"intersects":{"type":"Point","coordinates":["a","b"]}}""", "intersects")]
    [InlineData("""{"ids":["a",3]}""", "ids")]
    public async Task A_body_of_the_wrong_shape_is_a_400_naming_the_member(string body, string parameter)
    {
        var response = await _client.PostAsync("/stac/search", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(problem["errors"]!.AsObject().ContainsKey(parameter), problem.ToJsonString());
    }

    [Fact]
    public async Task A_limit_above_the_most_a_page_holds_answers_the_most_and_a_token_of_another_search_is_refused()
    {
        var page = await Get("/stac/search?limit=5000");
        var next = new Uri((string)page["links"]!.AsArray().First(l => (string?)l!["rel"] == "next")!["href"]!);
        var token = System.Web.HttpUtility.ParseQueryString(next.Query)["token"]!;
        var other = await _client.GetAsync("/stac/search?collections=recorded-dachs&token=" + Q(token));
        var body = await _client.PostAsync("/stac/search", JsonContent.Create(new { limit = "ten" }));

        Assert.Equal(100, page["features"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("different search", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, body.StatusCode);
        Assert.Contains("limit", await body.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_landing_page_links_the_conformance_collections_search_and_openapi()
    {
        var landing = await Get("/stac");
        var conformance = await Get("/stac/conformance");
        var queryables = await Get("/stac/queryables");

        var rels = landing["links"]!.AsArray().Select(l => (string)l!["rel"]!).ToList();
        Assert.Equal("Catalog", (string?)landing["type"]);
        Assert.Contains("conformance", rels);
        Assert.Contains("data", rels);
        Assert.Contains("service-desc", rels);
        Assert.Equal(2, rels.Count(r => r == "search"));
        Assert.Contains("https://api.stacspec.org/v1.0.0/item-search", conformance["conformsTo"]!.AsArray().Select(c => (string)c!));
        Assert.Contains("mission", queryables["properties"]!.AsObject().Select(p => p.Key));
    }
}
