using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.SearchApi.Tests.Harvest;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Curation;

/// <summary>Bulk registration through <c>POST /api/imports</c>: a dry run naming every problem, then only the good rows stored.</summary>
public sealed class ImportApiTests : IAsyncLifetime
{
    private const string Header = "id,title,domain,mission,accessUrls,ra,dec,radius,start,end,keywords\n";
    private readonly HarvestHost _host = new();
    private string _aliceKey = "";
    private string _bobKey = "";

    public async Task InitializeAsync()
    {
        var accounts = _host.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("alice", "correct horse battery staple", Roles.Curator, ["team-a"]);
        await accounts.CreateAsync("bob", "correct horse battery staple", Roles.Curator, ["team-b"]);
        _aliceKey = (await accounts.CreateKeyAsync("alice", "tests", [Scopes.AssetsWrite], CancellationToken.None)).Secret;
        _bobKey = (await accounts.CreateKeyAsync("bob", "tests", [Scopes.AssetsWrite], CancellationToken.None)).Secret;
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    private HttpClient Client(string? key)
    {
        var client = _host.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    private static string Good(string id, string title) =>
        $"{id},{title},Space Science,JWST,https://archive.example/{id}.fits,83.6,22.0,0.1,2023-01-01,2023-01-02,imported\n";

    /// <summary>Five good rows and one of each of the ten kinds of bad row, as raw bytes (one is not UTF-8).</summary>
    private static byte[] MixedCsv()
    {
        var text = new StringBuilder(Header)
            .Append(Good("g1", "Good orion mosaic one"))                                                                   // row 2
            .Append(",,Space Science,JWST,https://archive.example/x.fits,,,,,,\n".Replace(",,Space", "notitle,,Space")) // row 3: missing title
            .Append("baddate,Bad date,Space Science,,,,,,the day after tomorrow,,\n")                                      // row 4
            .Append("baddomain,Bad domain,Astrology,,,,,,,,\n")                                                            // row 5
            .Append("js,Script link,Space Science,,javascript:alert(1),,,,,,\n")                                           // row 6
            .Append("formula,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",Space Science,,,,,,,,\n")           // row 7
            .Append("short,Too few columns\n")                                                                             // row 8
            .Append(Good("g2", "Good orion mosaic two"));                                                                  // row 9
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text.ToString()));
        bytes.AddRange(Encoding.UTF8.GetBytes("latin,Caf"));                                                               // row 10: invalid UTF-8
        bytes.Add(0xE9);
        bytes.AddRange(Encoding.UTF8.GetBytes(" des étoiles,Space Science,,,,,,,,\n"));
        var tail = new StringBuilder()
            .Append("huge,Huge description,Space Science,,,,,,,,").Append('x', 1024 * 1024).Append('\n')                 // row 11: a 1 MB field
            .Append(Good("g1", "Good orion mosaic again"))                                                                 // row 12: duplicate id
            .Append("sky,Outside the sky,Space Science,,,400,95,1,,,\n")                                                   // row 13
            .Append(Good("g3", "Good orion mosaic three"))
            .Append(Good("g4", "Good orion mosaic four"))
            .Append(Good("g5", "Good orion mosaic five"));
        bytes.AddRange(Encoding.UTF8.GetBytes(tail.ToString()));
        return bytes.ToArray();
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> Post(HttpClient client, string mode, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await client.PostAsync($"/api/imports?mode={mode}&format=csv", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    private static List<(long Row, string Column, string Reason)> Problems(JsonObject result) =>
        result["problems"]!.AsArray().Select(p => ((long)p!["row"]!, (string)p["column"]!, (string)p["reason"]!)).ToList();

    [Fact]
    public async Task A_dry_run_names_each_of_ten_bad_rows_by_row_column_and_reason_and_stores_nothing()
    {
        using var alice = Client(_aliceKey);
        var (status, result) = await Post(alice, "dry-run", MixedCsv());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)result["committed"]!);
        Assert.Equal(15, (long)result["rows"]!);
        Assert.Equal(5, (long)result["valid"]!);
        var problems = Problems(result);
        void Has(long row, string column, string reason) =>
            Assert.True(problems.Any(p => p.Row == row && p.Column == column && p.Reason.Contains(reason, StringComparison.Ordinal)),
                $"expected row {row} {column} '{reason}' in: {string.Join(" | ", problems)}");
        Has(3, "title", "is required");
        Has(4, "start", "'the day after tomorrow' is not an ISO 8601 date");
        Has(5, "domain", "'Astrology' is not one of");
        Has(6, "access", "'javascript:alert(1)' is not an http(s) URL");
        Has(7, "title", "starts like a spreadsheet formula");
        Has(8, "row", "has 2 columns, the header has 11");
        Has(10, "title", "not valid UTF-8");
        Has(11, "keywords", "1,048,576 characters long");
        Has(12, "id", "'team-a:g1' is on row 2 already");
        Has(13, "sky", "is outside the sky");
        Assert.Equal(10, problems.Select(p => p.Row).Distinct().Count());
        Assert.Equal(0, (long)(await _host.SearchAsync("source=team-a"))["total"]!);
    }

    [Fact]
    public async Task Valid_mode_stores_only_the_good_rows_and_all_mode_stores_none_of_a_file_with_bad_rows()
    {
        using var alice = Client(_aliceKey);
        var (allStatus, all) = await Post(alice, "all", MixedCsv());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, allStatus);
        Assert.False((bool)all["committed"]!);
        Assert.Equal(0, (long)(await _host.SearchAsync("source=team-a"))["total"]!);

        var (status, result) = await Post(alice, "valid", MixedCsv());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)result["committed"]!);
        Assert.Equal(5, (long)result["added"]!);
        var found = await _host.SearchAsync("source=team-a&size=50");
        var titles = found["hits"]!.AsArray().Select(h => (string)h!["title"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Good orion mosaic five", "Good orion mosaic four", "Good orion mosaic one", "Good orion mosaic three", "Good orion mosaic two"], titles);
    }

    [Fact]
    public async Task Imports_are_refused_to_anonymous_callers_and_rows_outside_the_callers_sources_are_not_stored()
    {
        using var anonymous = Client(null);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Header + Good("a", "Anon")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/imports?mode=valid&format=csv", content)).StatusCode);

        using var bob = Client(_bobKey);
        var csv = Encoding.UTF8.GetBytes("source," + Header + "team-a," + Good("x", "Into alice's source") + "team-b," + Good("y", "Into bob's source"));
        var (status, result) = await Post(bob, "valid", csv);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(Problems(result), p => p.Row == 2 && p.Column == "source" && p.Reason.Contains("bob curates", StringComparison.Ordinal));
        Assert.Equal(0, (long)(await _host.SearchAsync("source=team-a"))["total"]!);
        Assert.Equal(1, (long)(await _host.SearchAsync("source=team-b"))["total"]!);
    }

    [Fact]
    public async Task Json_lines_are_checked_and_stored_like_csv_rows()
    {
        var lines = string.Join('\n',
            """{"id":"j1","title":"JSON-lines spectrum","domain":"Space Science","productTypes":["spectrum"],"access":[{"url":"https://archive.example/j1.fits"}]}""",
            """{"id":"j2","title":"Bad product","productTypes":["spectrograph"]}""",
            "{\"id\":\"j3\",\"title\":\"Unclosed object\"",
            """{"id":"j4","title":"=cmd|' /C calc'!A0"}""");
        using var alice = Client(_aliceKey);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(lines));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var response = await alice.PostAsync("/api/imports?mode=valid&format=jsonl", content);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((4, 1, 1), ((long)result["rows"]!, (long)result["valid"]!, (long)result["added"]!));
        var problems = Problems(result);
        Assert.Contains(problems, p => p.Row == 2 && p.Column == "productTypes" && p.Reason.Contains("'spectrograph' is not one of", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 3);
        Assert.Contains(problems, p => p.Row == 4 && p.Column == "title" && p.Reason.Contains("spreadsheet formula", StringComparison.Ordinal));
        Assert.Equal("team-a:j1", (string)(await _host.SearchAsync("source=team-a"))["hits"]![0]!["id"]!);
    }

    [Fact]
    public async Task A_thousand_row_import_is_in_the_first_search_after_its_answer()
    {
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 1000; i++)
        {
            csv.Append(Good($"bulk{i}", $"Bulk tile {i}"));
        }
        using var alice = Client(_aliceKey);
        var (status, result) = await Post(alice, "valid", Encoding.UTF8.GetBytes(csv.ToString()));
        // One search, not a poll: the answer comes only once the rows are searchable.
        var watch = Stopwatch.StartNew();
        var found = await _host.SearchAsync("q=bulk%20tile&source=team-a");
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1000, (long)result["added"]!);
        Assert.Equal(1000, (long)found["total"]!);
        Console.WriteLine($"import: answer to a search finding all 1000 rows in {watch.ElapsedMilliseconds} ms");
    }

    private static async Task<HttpResponseMessage> PostInBackground(HttpClient client, string mode, byte[] csv)
    {
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.PostAsync($"/api/imports?mode={mode}&format=csv&wait=false", content);
    }

    /// <summary>Reads the job's status until it has ended, checking on the way that its counts only grow.</summary>
    private static async Task<JsonObject> UntilEndedAsync(HttpClient client, string location)
    {
        var (checkedRows, stored) = (0L, 0L);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync(location);
            var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((long)status["rowsChecked"]! >= checkedRows && (long)status["rowsStored"]! >= stored, status.ToJsonString());
            (checkedRows, stored) = ((long)status["rowsChecked"]!, (long)status["rowsStored"]!);
            if ((string)status["state"]! is "done" or "failed")
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the job has not ended in 60 s: {status.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_background_import_answers_202_at_once_and_its_job_ends_with_every_row_checked_and_the_valid_ones_stored()
    {
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 2000; i++)
        {
            csv.Append(Good($"tile{i}", $"Background tile {i}"));
        }
        csv.Append("bad,Bad domain,Astrology,,,,,,,,\n");
        using var alice = Client(_aliceKey);

        var answer = await PostInBackground(alice, "valid", Encoding.UTF8.GetBytes(csv.ToString()));
        var accepted = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var location = answer.Headers.Location!.OriginalString;
        Assert.Matches("^/api/imports/[0-9a-f]{32}$", location);
        Assert.Equal(location, "/api/imports/" + (string)accepted["id"]!);
        // The answer does not wait for the rows: the job has not stored them yet.
        Assert.Contains((string)accepted["state"]!, new[] { "queued", "running" });
        Assert.True((long)accepted["rowsStored"]! < 2000, accepted.ToJsonString());
        Assert.Null(accepted["result"]);

        var done = await UntilEndedAsync(alice, location);
        Assert.Equal("done", (string)done["state"]!);
        Assert.Equal((2001, 2000, 2001, 2000), ((long)done["rowsChecked"]!, (long)done["rowsStored"]!, (long)done["totalRows"]!, (long)done["validRows"]!));
        Assert.Equal((2000, 1), ((long)done["result"]!["added"]!, (long)done["result"]!["invalid"]!));
        Assert.Contains(Problems(done["result"]!.AsObject()), p => p.Row == 2002 && p.Column == "domain");
        Assert.NotNull((string?)done["finishedAt"]);
        Assert.Equal(2000, (long)(await _host.SearchAsync("source=team-a&size=1"))["total"]!);
    }

    [Fact]
    public async Task An_unknown_job_or_another_accounts_job_is_not_found_and_no_job_is_read_anonymously()
    {
        using var alice = Client(_aliceKey);
        using var bob = Client(_bobKey);
        using var anonymous = Client(null);
        var answer = await PostInBackground(alice, "dry-run", Encoding.UTF8.GetBytes(Header + Good("g1", "Checked only")));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var location = answer.Headers.Location!.OriginalString;

        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("/api/imports/" + new string('0', 32))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("/api/imports/not-a-job")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(location)).StatusCode);
        Assert.Equal("done", (string)(await UntilEndedAsync(alice, location))["state"]!);
    }

    [Fact]
    public async Task A_background_import_of_a_bad_file_under_all_ends_with_its_problems_and_stores_nothing()
    {
        using var alice = Client(_aliceKey);
        var answer = await PostInBackground(alice, "all", MixedCsv());
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        var ended = await UntilEndedAsync(alice, answer.Headers.Location!.OriginalString);
        var result = ended["result"]!.AsObject();
        Assert.Equal("done", (string)ended["state"]!);
        Assert.False((bool)result["committed"]!);
        Assert.Equal(0, (long)ended["rowsStored"]!);
        Assert.Equal((5, 0), ((long)result["valid"]!, (long)result["added"]!));
        Assert.Contains(Problems(result), p => p.Row == 5 && p.Column == "domain");
        Assert.Equal(0, (long)(await _host.SearchAsync("source=team-a"))["total"]!);
    }
}
