using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.VoTable;
using DiscoveryPortal.SearchApi.Formats;
using DiscoveryPortal.SearchApi.Tests.Clients;

namespace DiscoveryPortal.SearchApi.Tests.Formats;

/// <summary>Search results as JSON, CSV and VOTable: the same hits, in the same order, under the same names.</summary>
public sealed class SearchFormatsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _client = api.CreateClient();

    private static readonly string[] Names = SearchResultTable.Columns.Select(c => c.Name).ToArray();

    private async Task<JsonObject> Json(string query) => JsonNode.Parse(await _client.GetStringAsync("/api/search?" + query))!.AsObject();

    private static List<JsonObject> Hits(JsonObject result) => result["hits"]!.AsArray().Select(h => h!.AsObject()).ToList();

    private async Task<List<string[]>> Csv(string query)
    {
        var response = await _client.GetAsync("/api/search?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        using var reader = new CsvHelper.CsvParser(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(reader.Record!);
        }
        return rows;
    }

    /// <summary>The JSON value at a column's dotted path, and whether every step of the path is a field of the hit.</summary>
    private static (bool Present, JsonNode? Value) At(JsonObject hit, string path)
    {
        JsonNode? node = hit;
        foreach (var step in path.Split('.'))
        {
            if (node is not JsonObject o || !o.ContainsKey(step))
            {
                return (false, null);
            }
            node = o[step];
        }
        return (true, node);
    }

    [Fact]
    public async Task Csv_and_json_carry_the_same_hits_under_the_same_names()
    {
        const string query = "q=crab&size=30";
        var hits = Hits(await Json(query));
        var csv = await Csv(query + "&format=csv");

        Assert.Equal(Names, csv[0]);
        Assert.Equal(hits.Select(h => (string)h["id"]!), csv.Skip(1).Select(r => r[0]));
        // Every column is a field path of a hit, where the hit has that part (a sky record has sky.*, an EO scene ground.*).
        var sky = hits.First(h => h["sky"] is JsonObject s && s["polygon"] is JsonArray);
        foreach (var name in Names.Where(n => !n.StartsWith("ground.", StringComparison.Ordinal)))
        {
            Assert.True(At(sky, name).Present, $"column {name} is no field of the hit {sky["id"]}");
        }
        var row = csv[1 + hits.IndexOf(sky)];
        string Cell(string name) => row[Array.IndexOf(Names, name)];
        Assert.Equal((double)sky["sky"]!["ra"]!, double.Parse(Cell("sky.ra"), CultureInfo.InvariantCulture));
        Assert.Equal(string.Join("; ", sky["instruments"]!.AsArray().Select(i => (string)i!)), Cell("instruments"));
        Assert.Equal((string)sky["snippet"]!, Cell("snippet"));
        var polygon = sky["sky"]!["polygon"]!.AsArray().SelectMany(p => new[] { (double)p!["ra"]!, (double)p["dec"]! });
        Assert.Equal(polygon, Cell("sky.polygon").Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
        // Times are ISO 8601 in UTC and the same instant as the JSON's.
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", Cell("time.start"));
        Assert.Equal(sky["time"]!["start"]!.GetValue<DateTimeOffset>(), DateTimeOffset.Parse(Cell("time.start"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Ground_footprints_are_in_the_table_as_in_the_json()
    {
        var hits = Hits(await Json("mission=Sentinel-2&size=50"));
        var scene = hits.First(h => h["ground"] is JsonObject);
        var csv = await Csv("mission=Sentinel-2&size=50&format=csv");
        var row = csv.Single(r => r[0] == (string)scene["id"]!);
        foreach (var edge in new[] { "west", "south", "east", "north" })
        {
            Assert.Equal((double)scene["ground"]!["box"]![edge]!, double.Parse(row[Array.IndexOf(Names, "ground.box." + edge)], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task The_votable_holds_the_same_hits_with_timestamps_typed()
    {
        const string query = "q=crab&size=30";
        var json = await Json(query);
        var hits = Hits(json);
        var response = await _client.GetAsync("/api/search?" + query + "&format=votable");
        Assert.Equal(ResultFormats.VoTable, response.Content.Headers.ContentType!.MediaType);
        var document = VoTableReader.ReadAll(await response.Content.ReadAsStreamAsync());
        var (meta, rows) = document.Tables.Single();

        Assert.Equal(Names, meta.Fields.Select(f => f.Name));
        Assert.Equal(hits.Select(h => (string)h["id"]!), rows.Select(r => (string?)r[0]));
        Assert.Equal("OK", document.QueryStatus);
        Assert.Contains(document.Infos, i => i.Name == "total" && i.Value == json["total"]!.ToString());
    }

    [Fact]
    public async Task The_accept_header_chooses_the_format_when_format_is_not_given()
    {
        async Task<string?> TypeFor(string accept, string query = "q=crab")
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/search?" + query);
            request.Headers.Accept.ParseAdd(accept);
            using var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Accept", response.Headers.Vary);
            return response.Content.Headers.ContentType?.MediaType;
        }

        Assert.Equal("text/csv", await TypeFor("text/csv"));
        Assert.Equal(ResultFormats.VoTable, await TypeFor("application/x-votable+xml"));
        Assert.Equal("application/json", await TypeFor("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        Assert.Equal("application/json", await TypeFor("text/csv", "q=crab&format=json"));
    }

    [Fact]
    public async Task Format_names_the_answer_and_file_format_filters_the_data()
    {
        var old = await _client.GetAsync("/api/search?format=application/fits");
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        var problem = JsonNode.Parse(await old.Content.ReadAsStringAsync())!;
        Assert.Contains("fileFormat", (string)problem["errors"]!["format"]![0]!, StringComparison.Ordinal);

        var all = (long)(await Json(""))["total"]!;
        var fits = await Json("fileFormat=application/fits&size=100");
        Assert.InRange((long)fits["total"]!, 1, all - 1);
        Assert.All(Hits(fits), h => Assert.Contains("application/fits", h["formats"]!.AsArray().Select(f => (string?)f)));
        Assert.Contains(fits["facets"]!["fileFormat"]!.AsArray(), v => (string?)v!["value"] == "application/fits" && (bool)v["selected"]!);
    }

    [Fact]
    public async Task A_table_page_links_to_the_next_page_of_the_same_search()
    {
        var response = await _client.GetAsync("/api/search?q=spectrum&size=5&format=csv");
        Assert.True(response.Headers.TryGetValues("Link", out var links), "no Link header");
        var next = System.Text.RegularExpressions.Regex.Match(links.Single(), "^<([^>]+)>; rel=\"next\"$").Groups[1].Value;
        var firstJson = await Json("q=spectrum&size=5");
        Assert.Equal(firstJson["total"]!.ToString(), response.Headers.GetValues("X-Total-Count").Single());

        var second = await _client.GetStringAsync(new Uri(next).PathAndQuery);
        var secondJson = await Json("q=spectrum&size=5&cursor=" + Uri.EscapeDataString((string)firstJson["next"]!));
        Assert.Equal(Hits(secondJson).Select(h => (string)h["id"]!), second.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]));
    }

    [ClientFact(nameof(ExternalClient.Astropy))]
    public async Task Astropy_reads_the_votable_strictly_and_agrees_with_the_json()
    {
        const string query = "q=crab&size=40";
        var hits = Hits(await Json(query));
        var path = Path.Combine(Path.GetTempPath(), $"portal-search-{Guid.NewGuid():N}.vot");
        await File.WriteAllBytesAsync(path, await _client.GetByteArrayAsync("/api/search?" + query + "&format=votable"));
        try
        {
            var (exit, stdout, stderr) = ExternalClient.Astropy.Run(120, TestPaths.Source("Formats", "astropy_read.py"), path);
            Assert.True(exit == 0, stderr);
            var read = JsonNode.Parse(stdout)!;
            var fields = read["fields"]!.AsArray();
            Assert.Equal(Names, fields.Select(f => (string)f!["name"]!));
            Assert.Equal("timestamp", (string?)fields.Single(f => (string)f!["name"]! == "time.start")!["xtype"]);
            Assert.Equal("polygon", (string?)fields.Single(f => (string)f!["name"]! == "sky.polygon")!["xtype"]);
            Assert.Equal("deg", (string?)fields.Single(f => (string)f!["name"]! == "sky.ra")!["unit"]);
            Assert.Equal(hits.Select(h => (string)h["id"]!), read["ids"]!.AsArray().Select(i => (string)i!));
            var withTime = hits.FindIndex(h => h["time"]?["start"] is not null);
            Assert.Equal(hits[withTime]["time"]!["start"]!.GetValue<DateTimeOffset>(), DateTimeOffset.Parse((string)read["starts"]![withTime]!, CultureInfo.InvariantCulture));
            var withPolygon = hits.FindIndex(h => h["sky"]?["polygon"] is JsonArray);
            Assert.Equal(hits[withPolygon]["sky"]!["polygon"]!.AsArray().Count * 2, read["polygons"]![withPolygon]!.AsArray().Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
