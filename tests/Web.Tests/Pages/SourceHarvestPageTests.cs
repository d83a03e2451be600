using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Stac;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Bench;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.SearchApi;
using DiscoveryPortal.Web.Tests.Browser;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace DiscoveryPortal.Web.Tests.Pages;

/// <summary>
/// A source's page while it harvests: the STAC API of the recorded-response server on loopback holds the run's last
/// page until the test releases it, so the run is seen under way, its pages and rows so far in the source's JSON and
/// on the page, and then ended, with its final figures; in Chromium, the page's script moves them in place and swaps in
/// the final run without a reload.
/// </summary>
public sealed class SourceHarvestPageTests : IAsyncLifetime
{
    private const string Source = "held-stac";
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-harvest-page-").FullName;
    /// <summary>The search pages held until the test releases them, by their token (the second page is token=2, the third token=4).</summary>
    private readonly Dictionary<string, TaskCompletionSource> _held = [];
    private RecordedSourceServer _server = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _server = await RecordedSourceServer.StartAsync(Path.Combine(DataRoot.Locate(AppContext.BaseDirectory), "data-samples"));
        // Searched by GET, the pages are ?limit=2, then &token=2 and &token=4.
        _server.StacOffersPost = false;
        _server.Hold = line =>
        {
            var token = line.StartsWith("GET /stac/search?", StringComparison.Ordinal) ? line.Split("token=").ElementAtOrDefault(1) : null;
            lock (_held)
            {
                return token is not null && _held.TryGetValue(token, out var gate) ? gate.Task : null;
            }
        };
        _app = await LivePortal.StartAsync(_directory, seed: false, "--Harvest:Scheduled=false", $"--Outbound:Allow:0=127.0.0.1:{_server.BaseUrl.Port}");
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        var accounts = _app.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("hana", "a long enough password", Roles.Curator, [Source]);
        _key = (await accounts.CreateKeyAsync("hana", "tests", [Scopes.SourcesWrite], CancellationToken.None)).Secret;
    }

    public async Task DisposeAsync()
    {
        lock (_held)
        {
            foreach (var gate in _held.Values)
            {
                gate.TrySetResult();
            }
        }
        _client.Dispose();
        await _app.DisposeAsync();
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
    }

    private async Task<HttpResponseMessage> AsCuratorAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        return await _client.SendAsync(request);
    }

    /// <summary>The source's JSON, read until <paramref name="reached"/> holds (or 30 s have gone).</summary>
    private async Task<JsonObject> UntilAsync(Func<JsonObject, bool> reached)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var history = JsonNode.Parse(await _client.GetStringAsync(SourceEndpoints.PathOf(Source)))!.AsObject();
            if (reached(history) || DateTime.UtcNow > deadline)
            {
                return history;
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Holds the search page of this token until <see cref="Release"/>.</summary>
    private void Hold(string token)
    {
        lock (_held)
        {
            _held[token] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void Release(string token)
    {
        lock (_held)
        {
            _held[token].SetResult();
        }
    }

    /// <summary>Whether the page of this token has been asked for (and so, when held, is waiting).</summary>
    private bool Asked(string token)
    {
        lock (_server.Log)
        {
            return _server.Log.Any(l => l.EndsWith("token=" + token, StringComparison.Ordinal));
        }
    }

    /// <summary>Registers the source with pages of two records and starts a harvest of it now.</summary>
    private async Task StartHarvestAsync()
    {
        var registered = await AsCuratorAsync(HttpMethod.Post, "/api/sources", new { id = Source, title = "Held STAC", kind = StacApiKind.Key, url = _server.StacUrl.ToString(), pageSize = 2 });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await AsCuratorAsync(HttpMethod.Post, SourceEndpoints.PathOf(Source) + "/harvest")).StatusCode);
    }

    private static (long Pages, long Rows, long Stored, long Failed) Counts(JsonNode run) =>
        ((long)run["pages"]!, (long)run["rowsRead"]!, (long)run["stored"]!, (long)run["failed"]!);

    [Fact]
    public async Task A_running_harvest_shows_its_pages_and_rows_so_far_in_its_json_and_on_its_page_then_its_final_figures()
    {
        Hold("4");
        await StartHarvestAsync();

        // The collection page and two search pages are in, and the last search page is held: the run is under way with what it has committed.
        var mid = await UntilAsync(h => Asked("4") && h["status"]!["currentRun"] is { } run && (long)run["pages"]! >= 3);
        Assert.True((bool)mid["status"]!["running"]!, mid.ToJsonString());
        var current = mid["status"]!["currentRun"]!;
        Assert.Equal("running", (string)current["status"]!);
        var during = Counts(current);
        Assert.True(during == (3, 5, 5, 0), $"{during}: {mid.ToJsonString()}");
        Assert.True(Asked("4"));

        var page = await _client.GetStringAsync("/sources/" + Source);
        Assert.Contains("<span id=\"harvest-pages\">3</span> pages fetched, <span id=\"harvest-rows\">5</span> rows read: <span id=\"harvest-stored\">5</span> stored, <span id=\"harvest-rejected\">0</span> rejected.", page, StringComparison.Ordinal);
        Assert.Contains("<progress id=\"harvest-progress\">3 pages</progress>", page, StringComparison.Ordinal);
        Assert.Contains("Reading the source page by page.", page, StringComparison.Ordinal);
        Assert.Contains($"data-status=\"/api/sources/{Source}\"", page, StringComparison.Ordinal);
        Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"3\" /></noscript>", page, StringComparison.Ordinal);
        Assert.Contains("reload it now", page, StringComparison.Ordinal);
        Assert.Matches("<script src=\"/js/progress-poll.js\\?v=[^\"]+\" defer></script>\\s*<script src=\"/js/harvest-progress.js\\?v=[^\"]+\" defer></script>", page);
        Assert.Contains("<dd id=\"running-state\">harvesting</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"last-run\"", page, StringComparison.Ordinal);
        // Still held: the figures have not moved on by themselves.
        Assert.Equal(during, Counts((await UntilAsync(_ => true))["status"]!["currentRun"]!));

        Release("4");
        var ended = await UntilAsync(h => !(bool)h["status"]!["running"]!);
        Assert.False((bool)ended["status"]!["running"]!, ended.ToJsonString());
        Assert.Null(ended["status"]!["currentRun"]);
        var last = ended["runs"]![0]!;
        Assert.Equal("completed", (string)last["status"]!);
        var final = Counts(last);
        // The collection on its page, then five items on three pages.
        Assert.Equal((4, 6, 6, 0), final);
        Assert.InRange(during.Pages, 1, final.Pages - 1);
        Assert.InRange(during.Rows, 1, final.Rows - 1);
        Assert.InRange(during.Stored, 1, final.Stored - 1);

        var done = await _client.GetStringAsync("/sources/" + Source);
        Assert.Contains("4 pages, 6 rows; added 6, updated 0, unchanged 0, removed 0, failed 0.", done, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"running-state\">idle</dd>", done, StringComparison.Ordinal);
        Assert.DoesNotContain("harvest-run", done, StringComparison.Ordinal);
        Assert.DoesNotContain("harvest-progress.js", done, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_chromium_the_page_moves_the_figures_in_place_and_swaps_in_the_final_run_without_a_reload()
    {
        Hold("2");
        Hold("4");
        await StartHarvestAsync();
        using var driver = HeadlessChromium.Start();
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30)) { PollingInterval = TimeSpan.FromMilliseconds(200) };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        string Text(string id) => driver.FindElement(By.Id(id)).Text;
        bool NotReloaded() => Equals(((IJavaScriptExecutor)driver).ExecuteScript("return window.notReloaded === true;"), true);

        // The collection page and the first search page are in; the second is held.
        wait.Until(_ => Asked("2"));
        driver.Navigate().GoToUrl(new Uri(_client.BaseAddress!, "/sources/" + Source));
        Assert.Equal(("2", "3", "3", "0"), (Text("harvest-pages"), Text("harvest-rows"), Text("harvest-stored"), Text("harvest-rejected")));
        Assert.Equal("Reading the source page by page.", Text("harvest-state"));
        ((IJavaScriptExecutor)driver).ExecuteScript("window.notReloaded = true;");

        Release("2");
        wait.Until(_ => Text("harvest-pages") == "3");
        Assert.Equal(("5", "5"), (Text("harvest-rows"), Text("harvest-stored")));
        Assert.Equal("3 pages", driver.FindElement(By.Id("harvest-progress")).GetAttribute("textContent"));
        Assert.True(NotReloaded(), "the page reloaded instead of moving its figures");

        Release("4");
        wait.Until(_ => Text("running-state") == "idle");
        Assert.StartsWith("completed", Text("last-run"), StringComparison.Ordinal);
        Assert.Contains("4 pages, 6 rows; added 6", Text("last-run"), StringComparison.Ordinal);
        Assert.Empty(driver.FindElements(By.Id("harvest-run")));
        Assert.Equal("6", Text("record-count"));
        Assert.True(NotReloaded(), "the final run came by a reload, not by the script");
    }
}
