using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DiscoveryPortal.SearchApi.Tests;

public class SearchEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _client = api.CreateClient();

    private async Task<JsonObject> Search(string query)
    {
        var response = await _client.GetAsync("/api/search?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static List<JsonObject> Hits(JsonObject result) => result["hits"]!.AsArray().Select(h => h!.AsObject()).ToList();

    private static int FacetCount(JsonObject result, string dimension, string value) =>
        result["facets"]![dimension]!.AsArray().Where(v => (string?)v!["value"] == value).Select(v => (int)v!["count"]!).SingleOrDefault();

    [Fact]
    public async Task Answers_with_the_contract_shape()
    {
        var result = await Search("q=crab");

        Assert.True((long)result["total"]! > 0);
        var hit = Hits(result)[0];
        foreach (var field in new[] { "id", "title", "snippet", "highlights", "assetType", "domain", "mission", "instruments", "productTypes", "formats", "wavebands", "sourceId", "url", "time", "sky", "ground" })
        {
            Assert.True(hit.ContainsKey(field), $"hit lacks '{field}': {hit}");
        }
        foreach (var dimension in new[] { "domain", "mission", "instrument", "assetType", "productType", "waveband", "source", "fileFormat" })
        {
            var values = result["facets"]![dimension]!.AsArray();
            Assert.All(values, v => Assert.True((int)v!["count"]! >= 0 && v["value"] is not null));
        }
        Assert.True(result.ContainsKey("next"));
    }

    [Fact]
    public async Task An_empty_query_counts_the_whole_seed()
    {
        var result = await Search("");

        Assert.Equal(api.SeededCount, (long)result["total"]!);
        Assert.True(api.SeededCount >= 1000);
        Assert.Equal(20, Hits(result).Count);
        Assert.True(FacetCount(result, "domain", "Space Science") > 0);
        Assert.True(FacetCount(result, "domain", "Earth Observation") > 0);
    }

    [Fact]
    public async Task Herschel_pacs_spectra_by_words_and_by_facets_agree()
    {
        var byWords = await Search("q=Herschel%20PACS%20spectra&size=100");
        var byFacets = await Search("mission=Herschel&instrument=PACS&productType=spectrum&size=100");

        Assert.True((long)byWords["total"]! > 0);
        Assert.All(Hits(byFacets), h =>
        {
            Assert.Equal("Herschel", (string?)h["mission"]);
            Assert.Contains("PACS", h["instruments"]!.AsArray().Select(i => (string?)i));
            Assert.Contains("spectrum", h["productTypes"]!.AsArray().Select(i => (string?)i));
        });
        // The words find every spectrum the facets select, and also spectroscopy published as cubes.
        Assert.Subset(Hits(byWords).Select(h => (string?)h["id"]).ToHashSet(), Hits(byFacets).Select(h => (string?)h["id"]).ToHashSet());
        Assert.All(Hits(byWords), h =>
        {
            Assert.Equal("Herschel", (string?)h["mission"]);
            Assert.Contains("PACS", h["instruments"]!.AsArray().Select(i => (string?)i));
            Assert.True(((string?)h["title"])!.Contains("spectr", StringComparison.OrdinalIgnoreCase)
                || h["productTypes"]!.AsArray().Any(p => (string?)p == "spectrum"), (string?)h["title"]);
        });
        // The snippet is plain text; each highlight is a stretch of it holding a word of the query.
        var first = Hits(byWords)[0];
        var snippet = (string)first["snippet"]!;
        Assert.DoesNotContain("<mark>", snippet, StringComparison.Ordinal);
        var marked = first["highlights"]!.AsArray().Select(h => snippet.Substring((int)h!["start"]!, (int)h["length"]!)).ToList();
        Assert.NotEmpty(marked);
        Assert.All(marked, w => Assert.True(new[] { "herschel", "pacs", "spectr" }.Any(x => w.StartsWith(x, StringComparison.OrdinalIgnoreCase)), $"'{w}' is highlighted in: {snippet}"));
    }

    [Fact]
    public async Task Sentinel_2_over_the_alps_in_2021()
    {
        var result = await Search("q=Alps&mission=Sentinel-2&start=2021-01-01&end=2021-12-31&size=100");

        Assert.True((long)result["total"]! > 0);
        Assert.All(Hits(result), h =>
        {
            Assert.Equal("Sentinel-2", (string?)h["mission"]);
            Assert.Contains("Alps", (string?)h["title"], StringComparison.Ordinal);
            Assert.StartsWith("2021-", (string?)h["time"]!["start"], StringComparison.Ordinal);
        });
        var asWords = await Search("q=Sentinel-2%20over%20the%20Alps%20in%202021&size=100");
        Assert.Equal((long)result["total"]!, (long)asWords["total"]!);
    }

    [Fact]
    public async Task Selecting_a_mission_keeps_the_other_missions_in_its_facet()
    {
        var all = await Search("size=1");
        var hst = await Search("mission=HST&size=1");

        Assert.Equal(FacetCount(all, "mission", "HST"), (long)hst["total"]!);
        Assert.Equal(FacetCount(all, "mission", "JWST"), FacetCount(hst, "mission", "JWST"));
        Assert.Equal(FacetCount(all, "missionFamily", "Astronomy"), FacetCount(hst, "missionFamily", "Astronomy"));
        Assert.True(FacetCount(hst, "instrument", "WFC3") > 0);
        Assert.Equal(0, FacetCount(hst, "instrument", "NIRCam"));

        var both = await Search("mission=HST&mission=JWST&size=1");
        Assert.Equal(FacetCount(all, "mission", "HST") + FacetCount(all, "mission", "JWST"), (long)both["total"]!);
    }

    [Fact]
    public async Task Mission_family_counts_roll_up_and_select_their_missions()
    {
        var all = await Search("size=1");
        var eo = await Search("mission=Earth%20Observation%20Satellite&size=1");
        var sum = all["facets"]!["mission"]!.AsArray().Where(v => (string?)v!["parent"] == "Earth Observation Satellite").Sum(v => (int)v!["count"]!);

        Assert.Equal(sum, FacetCount(all, "missionFamily", "Earth Observation Satellite"));
        Assert.Equal(sum, (long)eo["total"]!);
    }

    [Fact]
    public async Task Cone_search_finds_the_crab()
    {
        var result = await Search("ra=83.633&dec=22.0145&radius=0.2&size=100");

        Assert.True((long)result["total"]! > 0);
        foreach (var hit in Hits(result))
        {
            var asset = JsonNode.Parse(await _client.GetStringAsync("/api/assets/" + Uri.EscapeDataString((string)hit["id"]!)))!;
            var sky = asset["record"]!["sky"]!;
            var d = Connectors.Records.SkyGeometry.AngularDistance(83.633, 22.0145, (double)sky["ra"]!, (double)sky["dec"]!);
            Assert.True(d <= 0.2 + (double)sky["radius"]!, $"{hit["id"]} is {d}° away");
        }
    }

    [Fact]
    public async Task Following_next_visits_every_hit_once()
    {
        var seen = new List<string>();
        var url = "mission=HST&sort=newest&size=37";
        var total = 0L;
        for (var page = 0; page < 50; page++)
        {
            var result = await Search(url);
            total = (long)result["total"]!;
            seen.AddRange(Hits(result).Select(h => (string)h["id"]!));
            if (result["next"] is not JsonValue next)
            {
                break;
            }
            url = "mission=HST&sort=newest&size=37&cursor=" + Uri.EscapeDataString((string)next!);
        }

        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("radius=-1&ra=10&dec=10", "radius")]
    [InlineData("size=100000", "size")]
    [InlineData("size=0", "size")]
    [InlineData("size=ten", "size")]
    [InlineData("start=yesterday", "start")]
    [InlineData("end=2021-13-45", "end")]
    [InlineData("start=2022-01-01&end=2021-01-01", "end")]
    [InlineData("sort=popular", "sort")]
    [InlineData("sort=1", "sort")]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("bbox=0,10,5,5", "bbox")]
    [InlineData("bbox=a,b,c,d", "bbox")]
    [InlineData("ra=10&dec=10", "radius")]
    [InlineData("ra=10&dec=95&radius=1", "dec")]
    [InlineData("ra=NaN&dec=0&radius=1", "ra")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        var response = await _client.GetAsync("/api/search?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task A_cursor_of_another_search_is_refused()
    {
        var first = await Search("q=crab&size=1");
        var cursor = (string)first["next"]!;

        var response = await _client.GetAsync("/api/search?q=nebula&size=1&cursor=" + Uri.EscapeDataString(cursor));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("different search", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q=%22")]
    [InlineData("q=*")]
    [InlineData("q=title%3A")]
    [InlineData("q=NOT")]
    [InlineData("q=%27%3B%20DROP%20TABLE%20assets%3B--")]
    [InlineData("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("q=NEAR(a%20b)")]
    [InlineData("q=%F0%9F%98%80")]
    [InlineData("q=-")]
    [InlineData("q=crab&unknown=1")]
    public async Task Hostile_query_strings_never_fail(string query)
    {
        var response = await _client.GetAsync("/api/search?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt64() >= 0);
    }

    [Theory]
    [InlineData("/api/search?q=a%00b")]
    [InlineData("/api/search?mission=%00&instrument=")]
    [InlineData("/api/audit?target=a%00b")]
    [InlineData("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=x%00")]
    public async Task A_NUL_character_in_the_query_is_a_400_that_says_so(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NUL character", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_very_long_query_is_a_400()
    {
        var response = await _client.GetAsync("/api/search?q=" + new string('a', 1500));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(63, "a")]
    [InlineData(36, "b")]
    [InlineData(9, "spec")]
    [InlineData(1, "a")]
    public async Task A_query_asking_for_too_many_or_too_short_prefixes_is_a_400_naming_q(int count, string stem)
    {
        var q = string.Join(' ', Enumerable.Repeat(stem + "*", count));

        var response = await _client.GetAsync("/api/search?q=" + Uri.EscapeDataString(q));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _), "the problem should name q");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/search?q=spectr*+herschel*")).StatusCode);
    }
}
