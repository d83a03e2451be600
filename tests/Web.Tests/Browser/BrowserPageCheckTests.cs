using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace DiscoveryPortal.Web.Tests.Browser;

/// <summary>
/// The portal's main pages and its curation forms, read by two checkers nobody here wrote (ops/page-checks):
/// axe-core's accessibility rules in Chromium, and the Nu HTML Checker over the HTML as served.
/// </summary>
public sealed class BrowserPageCheckTests(CheckedPages pages) : IClassFixture<CheckedPages>
{
    [Fact]
    public void Axe_finds_no_accessibility_violation_on_the_main_pages_and_the_curation_forms()
    {
        Assert.Equal(CheckedPages.Expected, pages.All.Count);
        var found = new StringBuilder();
        foreach (var page in pages.All)
        {
            using var axe = JsonDocument.Parse(page.Axe);
            // A page the rules did not run on would pass unseen.
            Assert.True(axe.RootElement.GetProperty("passes").GetInt32() > 0, $"axe-core ran no rule on {page.Path}");
            foreach (var rule in axe.RootElement.GetProperty("violations").EnumerateArray())
            {
                found.Append(page.Path).Append(": ").Append(rule.GetProperty("id").GetString())
                    .Append(" (").Append(rule.GetProperty("impact").GetString()).Append(") ").AppendLine(rule.GetProperty("help").GetString());
                foreach (var target in rule.GetProperty("targets").EnumerateArray())
                {
                    found.Append("    ").AppendLine(target.GetString());
                }
            }
        }
        Assert.True(found.Length == 0, "axe-core:\n" + found);
    }

    [Fact]
    public async Task The_nu_checker_finds_no_markup_error_on_the_same_pages()
    {
        Assert.Equal(CheckedPages.Expected, pages.All.Count);
        const string java = "/usr/bin/java";
        var jar = Path.Combine(CheckedPages.Checks, "vnu-jar", "build", "dist", "vnu.jar");
        Assert.True(File.Exists(java) && File.Exists(jar), "Java and vnu-jar are needed: run ops/install-test-peers.sh (the test command does).");
        var folder = Directory.CreateTempSubdirectory("portal-page-checks-").FullName;
        try
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < pages.All.Count; i++)
            {
                var file = Path.Combine(folder, $"page-{i:D2}.html");
                File.WriteAllText(file, pages.All[i].Html);
                files[Path.GetFileName(file)] = pages.All[i].Path;
            }
            var start = new ProcessStartInfo(java) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-jar", jar, "--format", "json", "--stdout" }.Concat(files.Keys.Select(f => Path.Combine(folder, f))))
            {
                start.ArgumentList.Add(argument);
            }
            using var vnu = Process.Start(start)!;
            var stdout = vnu.StandardOutput.ReadToEndAsync();
            var stderr = vnu.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await vnu.WaitForExitAsync(timeout.Token);
            var json = await stdout;
            Assert.True(json.Length > 0, "vnu.jar wrote nothing: " + await stderr);
            using var report = JsonDocument.Parse(json);

            var errors = new StringBuilder();
            foreach (var message in report.RootElement.GetProperty("messages").EnumerateArray())
            {
                if (message.GetProperty("type").GetString() is not ("error" or "non-document-error"))
                {
                    continue;
                }
                var url = message.TryGetProperty("url", out var u) ? u.GetString() ?? "" : "";
                var line = message.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0;
                errors.Append(files.GetValueOrDefault(url[(url.LastIndexOf('/') + 1)..], url)).Append(':').Append(line).Append(": ").AppendLine(message.GetProperty("message").GetString());
                if (message.TryGetProperty("extract", out var extract))
                {
                    errors.Append("    ").AppendLine(extract.GetString()?.ReplaceLineEndings(" "));
                }
            }
            Assert.True(errors.Length == 0, "Nu HTML Checker:\n" + errors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>
/// One walk through the pages in one Chromium: the searches, an asset page, the basket with one asset in it, the
/// sources and one source, then, signed in as a curator, the curation forms.  Each page keeps axe-core's
/// answer and the HTML the portal served it (fetched with the browser's cookies).
/// </summary>
public sealed class CheckedPages : IAsyncLifetime
{
    public const int Expected = 11;
    private const string Password = "a long enough password";

    /// <summary>Where ops/install-test-peers.sh installs axe-core and vnu-jar.</summary>
    public static string Checks { get; } = Path.Combine(DataRoot.Locate(AppContext.BaseDirectory), "ops", "page-checks", "node_modules");

    // Runs the rules on the whole page and keeps how many held and, per broken rule, where it is broken.
    private const string RunAxe = """
        const done = arguments[arguments.length - 1];
        axe.run(document).then(
            r => done(JSON.stringify({ passes: r.passes.length, violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) })) })),
            e => done(JSON.stringify({ passes: 0, violations: [{ id: 'axe-failed', impact: 'critical', help: String(e), targets: [] }] })));
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-page-checks-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;

    /// <summary>A page as checked: axe-core's answer (<c>passes</c>, the number of rules that held, and <c>violations</c>) and the HTML served.</summary>
    public record Page(string Path, string Axe, string Html);

    public IReadOnlyList<Page> All { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var axe = Path.Combine(Checks, "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), "axe-core is needed: run ops/install-test-peers.sh (the test command does).");
        Directory.CreateDirectory(_directory);
        _app = await LivePortal.StartAsync(_directory, seed: true);
        await _app.Services.GetRequiredService<AccountService>().CreateAsync("cleo", Password, Roles.Curator, ["cleo-archive"]);
        var baseUrl = _app.Urls.First();
        var script = await File.ReadAllTextAsync(axe);

        using var driver = HeadlessChromium.Start();
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var walked = new List<Page>();

        async Task Check(string path)
        {
            driver.Navigate().GoToUrl(baseUrl + path);
            Assert.True(new Uri(driver.Url).PathAndQuery == path, $"{path} went to {driver.Url}");
            driver.ExecuteScript(script);
            var violations = Assert.IsType<string>(driver.ExecuteAsyncScript(RunAxe));
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (driver.Manage().Cookies.AllCookies is { Count: > 0 } cookies)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
            }
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
            walked.Add(new Page(path, violations, await response.Content.ReadAsStringAsync()));
        }

        await Check("/");
        await Check("/search?q=herschel+pacs");
        var asset = new Uri(driver.FindElement(By.CssSelector("ol.hits li.hit h2 a")).GetAttribute("href")!).PathAndQuery;
        HeadlessChromium.Submit(driver, By.CssSelector("ol.hits li.hit form.add-to-basket button"));
        await Check("/search?q=sentinel-2+alps&mission=Sentinel-2");
        await Check("/search?q=M31");
        await Check(asset);
        await Check("/basket");
        Assert.Single(driver.FindElements(By.CssSelector("ol.basket-items > li")));
        await Check("/sources");
        var source = driver.FindElements(By.CssSelector("main a[href^='/sources/']"))
            .Select(a => new Uri(a.GetAttribute("href")!).PathAndQuery).First(p => p != "/sources/new");
        await Check(source);

        HeadlessChromium.SignIn(driver, baseUrl, "cleo", Password);
        await Check("/curate/import");
        await Check("/curate/record");
        await Check("/sources/new");
        All = walked;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
    }
}
