using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.SearchApi;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace DiscoveryPortal.Web.Tests.Browser;

/// <summary>
/// The portal on a real Kestrel port, driven by Debian's headless Chromium through chromedriver
/// (ops/install-test-peers.sh installs both).
/// </summary>
public sealed partial class BrowserSearchTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-browser-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        var root = DataRoot.Locate(AppContext.BaseDirectory);
        _app = Program.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={Path.Combine(root, "Web")}",
            $"--Catalog:Path={Path.Combine(_directory, "catalog.db")}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.SeedCatalogAsync();
        await _app.StartAsync();
        _baseUrl = _app.Urls.First();
        _app.Configuration["Portal:PublicUrl"] = _baseUrl; // the port was chosen at start
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
    }

    private static ChromeDriver StartBrowser(int width = 1280) => HeadlessChromium.Start(width);

    private static int Total(IWebDriver driver) =>
        int.Parse(driver.FindElement(By.Id("total")).Text.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_researcher_searches_clicks_a_facet_and_sees_the_counts_change()
    {
        using var driver = StartBrowser();
        driver.Navigate().GoToUrl(_baseUrl + "/");

        var box = driver.FindElement(By.Id("q"));
        box.SendKeys("Herschel");
        box.Submit();

        var before = Total(driver);
        Assert.True(before > 0);
        var instrumentFacet = driver.FindElement(By.CssSelector("section[aria-labelledby='facet-instrument']"));
        var pacs = instrumentFacet.FindElements(By.TagName("a")).First(a => a.Text.StartsWith("PACS", StringComparison.Ordinal));
        var pacsCount = int.Parse(pacs.FindElement(By.ClassName("count")).Text, System.Globalization.CultureInfo.InvariantCulture);
        var productCountsBefore = driver.FindElement(By.CssSelector("section[aria-labelledby='facet-productType']")).Text;

        pacs.Click();

        var after = Total(driver);
        Assert.Equal(pacsCount, after);
        Assert.True(after < before, $"{after} should be fewer than {before}");
        Assert.Contains("instrument=PACS", driver.Url, StringComparison.Ordinal);
        Assert.NotEqual(productCountsBefore, driver.FindElement(By.CssSelector("section[aria-labelledby='facet-productType']")).Text);
        var chip = driver.FindElement(By.CssSelector("ul.chips a[aria-label='Remove filter Instrument: PACS']"));

        chip.Click();

        Assert.Equal(before, Total(driver));
    }

    [Fact]
    public void A_phone_width_still_reaches_results_and_an_asset_page()
    {
        using var driver = StartBrowser(width: 390);
        driver.Navigate().GoToUrl(_baseUrl + "/search?q=Sentinel-2%20Alps&start=2021-01-01&end=2021-12-31");

        Assert.True(Total(driver) > 0);
        var first = driver.FindElement(By.CssSelector("ol.hits li.hit h2 a"));
        var title = first.Text;
        first.Click();

        Assert.Equal(title, driver.FindElement(By.TagName("h1")).Text);
        Assert.Contains("Sentinel-2", driver.FindElement(By.Id("overview")).Text, StringComparison.Ordinal);
    }

    // WCAG relative luminance contrast of an element's text against its background colour.
    private const string Contrast = """
        const rgb = s => s.match(/[\d.]+/g).slice(0, 3).map(Number).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        const lum = c => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        const style = getComputedStyle(arguments[0]);
        const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        """;

    [Fact]
    public void On_a_phone_no_page_is_wider_than_the_screen_buttons_are_legible_and_filters_come_first()
    {
        using var driver = StartBrowser(width: 390);
        var js = (IJavaScriptExecutor)driver;
        foreach (var path in new[] { "/", "/search?q=Herschel", "/sources", "/sources/recorded-peps-stac", "/assets/" + Uri.EscapeDataString("hst-archive:ul30f5420"), "/basket" })
        {
            driver.Navigate().GoToUrl(_baseUrl + path);
            var (page, screen) = (Convert.ToInt64(js.ExecuteScript("return document.documentElement.scrollWidth"), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(js.ExecuteScript("return window.innerWidth"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(page <= screen, $"{path} is {page} px wide on a {screen} px screen: " + js.ExecuteScript(
                "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')"));
        }

        driver.Navigate().GoToUrl(_baseUrl + "/search?q=Herschel");
        var add = driver.FindElement(By.CssSelector("form.add-to-basket button"));
        var contrast = Convert.ToDouble(js.ExecuteScript(Contrast, add), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(contrast >= 4.5, $"'Add to basket' has a contrast of {contrast:F2}");
        Assert.True(driver.FindElement(By.Id("filters")).Location.Y < driver.FindElement(By.CssSelector("ol.hits li.hit")).Location.Y, "the filters should come before the results");

        driver.FindElement(By.CssSelector("#filters > summary")).Click();
        var facetLinks = driver.FindElements(By.CssSelector(".facet a"));
        Assert.NotEmpty(facetLinks);
        Assert.All(facetLinks.Where(a => a.Displayed), a => Assert.True(a.Size.Height >= 24, $"'{a.Text}' is {a.Size.Height} px high"));

        var hit = driver.FindElements(By.CssSelector("ol.hits li.hit"))[2];
        var anchor = hit.GetAttribute("id");
        // The click only starts the form's post: the address is read once the page it returns to has loaded.
        HeadlessChromium.Submit(driver, By.CssSelector($"#{anchor} form.add-to-basket button"));
        Assert.EndsWith("#" + anchor, driver.Url, StringComparison.Ordinal);
        Assert.Equal("1", driver.FindElement(By.CssSelector(".top .basket-count")).Text);
        Assert.Contains("to your basket", driver.FindElement(By.CssSelector("main > .notice[role=status]")).Text, StringComparison.Ordinal);
    }
}
