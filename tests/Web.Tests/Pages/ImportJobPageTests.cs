using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Web.Tests.Hostile;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Web.Tests.Pages;

/// <summary>
/// An import sent from <c>/curate/import</c> runs as a job: the answer is a 303 to the job's page, which shows a
/// progress bar and the counts while it runs (reloading itself without script) and the result by row, column and
/// reason once it has ended; the job is its starter's alone, and its temporary file is gone when it ends.
/// </summary>
public sealed partial class ImportJobPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Password = "a long enough password";

    private static readonly string Csv = "id,title,domain,accessUrls\n" +
        string.Concat(Enumerable.Range(1, 250).Select(i => $"tile-{i},Import job tile {i},Space Science,https://archive.example/tile-{i}.fits\n")) +
        "broken,Broken tile,Astrology,javascript:alert(1)\n";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();

    private async Task<HttpClient> CuratorAsync(string name, string source)
    {
        var accounts = portal.Services.GetRequiredService<AccountService>();
        if (await accounts.FindAsync(name, CancellationToken.None) is null)
        {
            await accounts.CreateAsync(name, Password, Roles.Curator, [source]);
        }
        return await PortalSession.SignInAsync(portal, name, Password);
    }

    /// <summary>Sends the file from the import form as a browser does; the answer is not followed.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string mode, string fileName, string text)
    {
        var form = await client.GetStringAsync("/curate/import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token().Match(form).Groups["token"].Value), "__RequestVerificationToken" },
            { new StringContent(mode), "Mode" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        using var request = PortalSession.FromPortal(HttpMethod.Post, "/curate/import", content);
        return await client.SendAsync(request);
    }

    private static async Task<JsonObject> StatusAsync(HttpClient client, string jobId) =>
        JsonNode.Parse(await client.GetStringAsync("/api/imports/" + jobId))!.AsObject();

    private static async Task<JsonObject> UntilAsync(HttpClient client, string jobId, Func<JsonObject, bool> reached)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = await StatusAsync(client, jobId);
            if (reached(status) || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task The_form_answers_303_to_a_progress_page_then_the_same_page_shows_the_result_by_row()
    {
        using var curator = await CuratorAsync("job-curator", "job-team");
        var catalog = portal.Services.GetRequiredService<ICatalogStore>();
        // A first page makes the account's basket, a write that must not wait for the one held below.
        Assert.Contains("Import records", await curator.GetStringAsync("/curate/import"), StringComparison.Ordinal);
        string jobId;
        string temporary;
        // Another write holding the catalogue keeps the job from storing: it is seen under way, its check done.
        using (catalog.BeginWrite())
        {
            var answer = await SendAsync(curator, "valid", "tiles.csv", Csv);
            Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
            var location = answer.Headers.Location!.OriginalString;
            Assert.Matches("^/curate/import/[0-9a-f]{32}$", location);
            jobId = location[(location.LastIndexOf('/') + 1)..];
            temporary = Path.Combine(Path.GetTempPath(), $"portal-import-{jobId}.csv");

            var checkedAll = await UntilAsync(curator, jobId, s => s["validRows"] is not null);
            Assert.Equal("running", (string)checkedAll["state"]!);
            Assert.Equal((251, 0, 251, 250), ((long)checkedAll["rowsChecked"]!, (long)checkedAll["rowsStored"]!, (long)checkedAll["totalRows"]!, (long)checkedAll["validRows"]!));
            Assert.Null(checkedAll["result"]);
            Assert.True(File.Exists(temporary), "the upload is kept while its job runs");

            var running = await curator.GetAsync(location);
            var page = await running.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, running.StatusCode);
            Assert.Contains("<progress id=\"import-progress\" max=\"250\" value=\"0\">", page, StringComparison.Ordinal);
            Assert.Contains("<span id=\"rows-checked\">251</span> rows checked, <span id=\"rows-stored\">0</span> rows stored", page, StringComparison.Ordinal);
            Assert.Contains("Storing the valid rows.", page, StringComparison.Ordinal);
            Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"2\" /></noscript>", page, StringComparison.Ordinal);
            Assert.Matches("<script src=\"/js/import-progress.js\\?v=[^\"]+\" defer></script>", page);
            Assert.Contains($"data-status=\"/api/imports/{jobId}\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"import-summary\"", page, StringComparison.Ordinal);
        }

        var done = await UntilAsync(curator, jobId, s => (string)s["state"]! is "done" or "failed");
        Assert.Equal("done", (string)done["state"]!);
        Assert.Equal(250, (long)done["rowsStored"]!);
        Assert.Equal(250, (long)done["result"]!["added"]!);
        Assert.False(File.Exists(temporary), "the upload is deleted once its job has ended");

        var result = await curator.GetStringAsync("/curate/import/" + jobId);
        Assert.Contains("251 rows: 250 valid, 1 with problems.", result, StringComparison.Ordinal);
        Assert.Contains("Stored: 250 added, 0 updated, 0 unchanged.", result, StringComparison.Ordinal);
        Assert.Contains("<tr><td>252</td><td>domain</td><td>&#x27;Astrology&#x27; is not one of", result, StringComparison.Ordinal);
        Assert.Contains("<h2>tiles.csv</h2>", result, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", result, StringComparison.Ordinal);
        Assert.DoesNotContain("import-progress.js", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_job_stores_nothing_and_is_not_found_by_another_account()
    {
        using var owner = await CuratorAsync("job-owner", "owner-team");
        using var other = await CuratorAsync("job-other", "other-team");
        var answer = await SendAsync(owner, "dry-run", "check.jsonl", """{"id":"j1","title":"Checked only","domain":"Space Science"}""" + "\n");
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        var location = answer.Headers.Location!.OriginalString;
        var jobId = location[(location.LastIndexOf('/') + 1)..];

        var done = await UntilAsync(owner, jobId, s => (string)s["state"]! is "done" or "failed");
        Assert.Equal("done", (string)done["state"]!);
        Assert.False((bool)done["result"]!["committed"]!);
        Assert.Equal("dryRun", (string)done["mode"]!);
        var page = await owner.GetStringAsync(location);
        Assert.Contains("1 rows: 1 valid, 0 with problems.", page, StringComparison.Ordinal);
        Assert.Contains("Nothing stored (a check).", page, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), $"portal-import-{jobId}.jsonl")));

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/imports/" + jobId)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/curate/import/" + new string('0', 32))).StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_csv_or_json_lines_is_refused_on_the_form_without_a_job()
    {
        using var curator = await CuratorAsync("job-wrong-file", "wrong-team");
        var answer = await SendAsync(curator, "valid", "tiles.xlsx", Csv);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("&#x27;tiles.xlsx&#x27; is not a .csv or .jsonl file.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
