using System.Diagnostics;
using System.Text;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Bench;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.SearchApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace DiscoveryPortal.Web.Tests.Browser;

/// <summary>
/// An archive team member in Chromium, as a new user would go: signs in, registers a dataset by form
/// (and is told beside the field what is wrong), imports a thousand by CSV, finds them in search, registers
/// a STAC source (the recorded-response server on loopback), harvests it now and reads its status page;
/// another curator cannot change those records.
/// </summary>
public sealed class BrowserCurationTests : IAsyncLifetime
{
    private const string Password = "a long enough password";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-browser-curation-" + Guid.NewGuid().ToString("N"));
    private RecordedSourceServer _server = null!;
    private WebApplication _app = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var root = DataRoot.Locate(AppContext.BaseDirectory);
        _server = await RecordedSourceServer.StartAsync(Path.Combine(root, "data-samples"));
        _app = Program.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={Path.Combine(root, "Web")}",
            $"--Catalog:Path={Path.Combine(_directory, "catalog.db")}",
            $"--Outbound:Allow:0=127.0.0.1:{_server.BaseUrl.Port}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.SeedCatalogAsync();
        await _app.StartAsync();
        _baseUrl = _app.Urls.First();
        _app.Configuration["Portal:PublicUrl"] = _baseUrl; // the port was chosen at start
        var accounts = _app.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("ada", Password, Roles.Curator, ["ada-archive", "ada-stac"]);
        await accounts.CreateAsync("bea", Password, Roles.Curator, ["bea-archive"]);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
    }

    private ChromeDriver SignedIn(string name)
    {
        var driver = HeadlessChromium.Start();
        HeadlessChromium.SignIn(driver, _baseUrl, name, Password);
        return driver;
    }

    /// <summary>The import's result, once its job page has shown it (the page's script swaps it in when the job ends).</summary>
    private static string ImportSummary(IWebDriver driver) =>
        new WebDriverWait(driver, TimeSpan.FromSeconds(60)).Until(d => d.FindElements(By.Id("import-summary")).FirstOrDefault()?.Text is { Length: > 0 } text ? text : null)!;

    private static void Submit(IWebDriver driver, By button) => HeadlessChromium.Submit(driver, button);

    private static void Type(IWebDriver driver, string id, string text)
    {
        var input = driver.FindElement(By.Id(id));
        input.Clear();
        input.SendKeys(text);
    }

    [Fact]
    public void A_dataset_registered_by_form_is_found_at_once_and_a_bad_field_is_named_beside_it()
    {
        using var driver = SignedIn("ada");
        Submit(driver, By.Id("nav-register"));
        Assert.Equal("ada-archive", driver.FindElement(By.Id("source")).GetAttribute("value"));
        Type(driver, "native-id", "carina-mosaic");
        Type(driver, "title", "Carina nebula NIRCam mosaic, team release");
        Type(driver, "description", "A mosaic of the Carina nebula registered by its archive team.");
        Type(driver, "mission", "JWST");
        Type(driver, "instruments", "NIRCam");
        driver.FindElement(By.CssSelector("input[name='Form.ProductTypes'][value='image']")).Click();
        driver.FindElement(By.CssSelector("input[name='Form.Wavebands'][value='infrared']")).Click();
        Type(driver, "access-url", "https://archive.example/carina.fits");
        Type(driver, "formats", "application/fits");
        Type(driver, "ra", "161.265");
        Type(driver, "dec", "-59.685");
        Type(driver, "radius", "0.2");
        Type(driver, "start", "2022-06-03");
        Type(driver, "end", "2022-06-04");
        Type(driver, "doi", "not-a-doi");
        // The browser's own checks would stop this; the server's are what is under test.
        ((IJavaScriptExecutor)driver).ExecuteScript("document.querySelector('form.record-form').noValidate = true;");
        Submit(driver, By.Id("save"));
        Assert.Contains("'not-a-doi' is not a DOI", driver.FindElement(By.Id("p-doi")).Text, StringComparison.Ordinal);
        Assert.Equal("", driver.FindElement(By.Id("p-title")).Text);
        Assert.Equal("Carina nebula NIRCam mosaic, team release", driver.FindElement(By.Id("title")).GetAttribute("value")); // nothing typed is lost

        Type(driver, "doi", "10.5281/zenodo.1234567");
        var watch = Stopwatch.StartNew();
        Submit(driver, By.Id("save"));
        new WebDriverWait(driver, TimeSpan.FromSeconds(10)).Until(d => d.FindElements(By.Id("saved")).Count == 1);
        driver.Navigate().GoToUrl(_baseUrl + "/search?q=carina%20nircam%20mosaic");
        var first = driver.FindElement(By.CssSelector("ol.hits li.hit a"));
        watch.Stop();
        Assert.Equal("Carina nebula NIRCam mosaic, team release", first.Text);
        Console.WriteLine($"browser curation: save to search hit in {watch.ElapsedMilliseconds} ms");

        // Another curator may not correct it: the form is refused.
        using var other = SignedIn("bea");
        other.Navigate().GoToUrl(_baseUrl + "/curate/record?id=ada-archive%3Acarina-mosaic");
        Assert.Contains("Not allowed", other.FindElement(By.TagName("h1")).Text, StringComparison.Ordinal);
        other.Navigate().GoToUrl(_baseUrl + "/assets/ada-archive%3Acarina-mosaic");
        Assert.Empty(other.FindElements(By.Id("edit-record")));
    }

    [Fact]
    public void A_thousand_records_by_csv_are_checked_then_stored_and_searchable()
    {
        var csv = new StringBuilder("id,title,domain,mission,productTypes,accessUrls,start\n");
        for (var i = 0; i < 1000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"tile-{i},Euclid wide survey tile {i},Space Science,Euclid,image,https://archive.example/tile-{i}.fits,2024-03-01\n");
        }
        csv.Append("broken,Broken tile,Space Science,Euclid,image,javascript:alert(1),2024-03-01\n");
        var file = Path.Combine(_directory, "tiles.csv");
        File.WriteAllText(file, csv.ToString());

        using var driver = SignedIn("ada");
        driver.Navigate().GoToUrl(_baseUrl + "/curate/import");
        driver.FindElement(By.Id("file")).SendKeys(file);
        driver.FindElement(By.CssSelector("input[name=Mode][value=dry-run]")).Click();
        Submit(driver, By.Id("run-import"));
        Assert.Contains("/curate/import/", driver.Url, StringComparison.Ordinal); // the job's own page, with its progress
        Assert.Contains("1001 rows: 1000 valid, 1 with problems", ImportSummary(driver), StringComparison.Ordinal);
        var problem = driver.FindElement(By.CssSelector("#import-problems tbody tr")).Text;
        Assert.Contains("1002 access 'javascript:alert(1)' is not an http(s) URL", problem, StringComparison.Ordinal);

        driver.Navigate().GoToUrl(_baseUrl + "/curate/import");
        driver.FindElement(By.Id("file")).SendKeys(file);
        driver.FindElement(By.CssSelector("input[name=Mode][value=valid]")).Click();
        Submit(driver, By.Id("run-import"));
        Assert.Contains("Stored: 1000 added", ImportSummary(driver), StringComparison.Ordinal);
        driver.Navigate().GoToUrl(_baseUrl + "/search?q=euclid%20wide%20survey%20tile&source=ada-archive");
        Assert.Equal("1,000", driver.FindElement(By.Id("total")).Text);
    }

    [Fact]
    public void A_stac_source_is_probed_registered_harvested_now_and_watched_on_its_status_page()
    {
        using var driver = SignedIn("ada");
        driver.Navigate().GoToUrl(_baseUrl + "/sources/new");
        Type(driver, "id", "ada-stac");
        Type(driver, "title", "Ada's STAC API");
        driver.FindElement(By.CssSelector("#kind option[value='stac-api']")).Click();
        Type(driver, "url", _server.StacUrl.ToString());
        Submit(driver, By.Id("probe"));
        var answer = driver.FindElement(By.Id("probe-answer")).Text;
        Assert.Contains("a harvest can read it", answer, StringComparison.Ordinal);
        Assert.Contains("SENTINEL2 Level-1C", answer, StringComparison.Ordinal);

        Submit(driver, By.Id("register"));
        new WebDriverWait(driver, TimeSpan.FromSeconds(10)).Until(d => d.Url.EndsWith("/sources/ada-stac", StringComparison.Ordinal));
        Assert.Equal("Not harvested yet.", driver.FindElement(By.Id("last-run")).Text);
        Submit(driver, By.Id("harvest-now"));
        // No reload by hand: while the run is under way the status page reloads itself.
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30)) { PollingInterval = TimeSpan.FromMilliseconds(300) };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        wait.Until(d => d.FindElement(By.Id("running-state")).Text == "idle" && d.FindElement(By.Id("last-run")).Text.StartsWith("completed", StringComparison.Ordinal));
        Assert.Contains("added 6", driver.FindElement(By.Id("last-run")).Text, StringComparison.Ordinal);
        Assert.Equal("6", driver.FindElement(By.Id("record-count")).Text);
        var point = driver.FindElement(By.CssSelector("#history-chart circle"));
        Assert.Equal(("completed", "6"), (point.GetAttribute("data-status"), point.GetAttribute("data-records")));

        Type(driver, "schedule", "1d");
        Submit(driver, By.Id("change-schedule"));
        Assert.Equal("Schedule changed.", driver.FindElement(By.CssSelector("p.notice")).Text);
        Assert.Contains("every 1d", driver.FindElement(By.CssSelector("dl.facts")).Text, StringComparison.Ordinal);

        driver.Navigate().GoToUrl(_baseUrl + "/sources");
        Assert.Contains("ada-stac", driver.FindElement(By.Id("source-list")).Text, StringComparison.Ordinal);
        driver.Navigate().GoToUrl(_baseUrl + "/search?source=ada-stac");
        Assert.Equal(6, driver.FindElements(By.CssSelector("ol.hits li.hit")).Count);

        // Stopping the source keeps what it brought.
        driver.Navigate().GoToUrl(_baseUrl + "/sources/ada-stac");
        Submit(driver, By.Id("remove-source"));
        new WebDriverWait(driver, TimeSpan.FromSeconds(10)).Until(d => d.Url.EndsWith("/sources", StringComparison.Ordinal));
        Assert.DoesNotContain("ada-stac", driver.FindElement(By.Id("source-list")).Text, StringComparison.Ordinal);
        driver.Navigate().GoToUrl(_baseUrl + "/search?source=ada-stac");
        Assert.Equal(6, driver.FindElements(By.CssSelector("ol.hits li.hit")).Count);
    }
}
