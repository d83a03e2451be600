using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;

namespace DiscoveryPortal.Web.Tests.Browser;

/// <summary>The sky and ground maps of the results page: footprints drawn, and the cone and box set by pointing.</summary>
public sealed partial class BrowserSearchTests
{
    // Where the map draws a place, in the window's coordinates, through the projection the map keeps on its drawing.
    private const string Screen = """
        const svg = document.querySelector(arguments[0] + ' svg.map-canvas');
        const at = svg.projection([arguments[1], arguments[2]]);
        const box = svg.getBoundingClientRect();
        return [box.left + at[0] * box.width / svg.viewBox.baseVal.width, box.top + at[1] * box.height / svg.viewBox.baseVal.height];
        """;

    private static (int X, int Y) OnMap(IWebDriver driver, string map, double lon, double lat)
    {
        var at = (IReadOnlyList<object>)((IJavaScriptExecutor)driver).ExecuteScript(Screen, map, lon, lat)!;
        return ((int)Math.Round(Convert.ToDouble(at[0], CultureInfo.InvariantCulture)), (int)Math.Round(Convert.ToDouble(at[1], CultureInfo.InvariantCulture)));
    }

    private static void WaitForMaps(IWebDriver driver) =>
        new WebDriverWait(driver, TimeSpan.FromSeconds(30)).Until(d => d.FindElement(By.Id("result-maps")).GetAttribute("data-ready") == "true");

    private static void WaitForUrl(IWebDriver driver, string part) => WaitFor(driver, url => url.Contains(part, StringComparison.Ordinal));

    private static void WaitFor(IWebDriver driver, Func<string, bool> url) =>
        new WebDriverWait(driver, TimeSpan.FromSeconds(30)).Until(d => url(d.Url) && d.FindElements(By.CssSelector("h1.result-count")).Count > 0);

    private static double Query(IWebDriver driver, string key) =>
        double.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(driver.Url).Query)[key].ToString(), CultureInfo.InvariantCulture);

    [Fact]
    public void Clicking_the_sky_map_sets_a_cone_there_dragging_sets_its_radius_and_a_name_fills_it()
    {
        using var driver = StartBrowser();
        driver.Navigate().GoToUrl(_baseUrl + "/search?q=crab");
        WaitForMaps(driver);
        var before = Total(driver);
        Assert.NotEmpty(driver.FindElements(By.CssSelector("#sky-map a.footprint")));

        // Eight degrees north of the Crab Nebula (RA 83.63°, Dec +22.01°), clear of its footprints, which are links to their records.
        var (x, y) = OnMap(driver, "#sky-map", 83.63, 30.0);
        new Actions(driver).MoveToLocation(x, y).Click().Perform();
        WaitForUrl(driver, "ra=");

        Assert.InRange(Query(driver, "ra"), 82.5, 84.8);
        Assert.InRange(Query(driver, "dec"), 29, 31);
        Assert.Equal(1, Query(driver, "radius"));
        Assert.Equal("No results for “crab”", driver.FindElement(By.CssSelector("h1.result-count")).Text);

        // Dragging from there to the Crab sets a cone of about eight degrees, which holds it.
        WaitForMaps(driver);
        var from = OnMap(driver, "#sky-map", 83.63, 30.0);
        var to = OnMap(driver, "#sky-map", 83.63, 22.0);
        new Actions(driver).MoveToLocation(from.X, from.Y).ClickAndHold().MoveToLocation(from.X, (from.Y + to.Y) / 2).MoveToLocation(to.X, to.Y).Release().Perform();
        WaitFor(driver, url => !url.Contains("radius=1&", StringComparison.Ordinal) && !url.EndsWith("radius=1", StringComparison.Ordinal));
        Assert.InRange(Query(driver, "radius"), 6.5, 9.5);
        var cone = Total(driver);
        Assert.InRange(cone, 1, before);
        Assert.Contains("Crab", driver.FindElement(By.CssSelector("ol.hits")).Text, StringComparison.Ordinal);

        WaitForMaps(driver);
        driver.FindElement(By.Id("sky-name")).SendKeys("Crab Nebula" + Keys.Enter);
        WaitFor(driver, url => url.Contains("ra=83.6", StringComparison.Ordinal) && !url.Contains("dec=30", StringComparison.Ordinal));
        Assert.InRange(Query(driver, "dec"), 21.9, 22.1);
        Assert.True(Total(driver) > 0);
    }

    [Fact]
    public async Task Drawing_a_box_over_the_Alps_on_the_ground_map_narrows_the_results_to_Sentinel_2_scenes_there()
    {
        using var driver = StartBrowser();
        driver.Navigate().GoToUrl(_baseUrl + "/search?q=Sentinel-2");
        WaitForMaps(driver);
        var before = Total(driver);

        var (west, south, east, north) = (5.5, 44.0, 16.0, 48.5);
        var from = OnMap(driver, "#ground-map", west, north);
        var to = OnMap(driver, "#ground-map", east, south);
        new Actions(driver).MoveToLocation(from.X, from.Y).ClickAndHold().MoveToLocation((from.X + to.X) / 2, (from.Y + to.Y) / 2).MoveToLocation(to.X, to.Y).Release().Perform();
        WaitForUrl(driver, "bbox=");

        var box = driver.Url[(driver.Url.IndexOf("bbox=", StringComparison.Ordinal) + 5)..].Split('&')[0];
        var drawn = Uri.UnescapeDataString(box).Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([west, south, east, north], drawn, (a, b) => Math.Abs(a - b) < 1.5);
        var after = Total(driver);
        Assert.InRange(after, 1, before - 1);

        // Every hit is a Sentinel-2 record whose ground footprint meets the box; most are scenes, not whole collections.
        using var http = new HttpClient();
        var json = JsonDocument.Parse(await http.GetStringAsync(_baseUrl + "/api/search?size=100&q=Sentinel-2&bbox=" + box)).RootElement;
        Assert.Equal(after, json.GetProperty("total").GetInt32());
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        Assert.All(hits, h =>
        {
            Assert.Equal("Sentinel-2", h.GetProperty("mission").GetString());
            var b = h.GetProperty("ground").GetProperty("box");
            Assert.True(b.GetProperty("west").GetDouble() <= drawn[2] && b.GetProperty("east").GetDouble() >= drawn[0]
                && b.GetProperty("south").GetDouble() <= drawn[3] && b.GetProperty("north").GetDouble() >= drawn[1], h.GetProperty("id").GetString());
        });
        Assert.True(hits.Count(h => h.GetProperty("assetType").GetString() == "observation") > hits.Count / 2);
        Assert.NotEmpty(driver.FindElements(By.CssSelector("#ground-map .selection path")));
    }

    [Fact]
    public void Brushing_the_time_histogram_searches_the_years_brushed_and_fills_the_date_fields()
    {
        using var driver = StartBrowser();
        driver.Navigate().GoToUrl(_baseUrl + "/search?q=Sentinel-2");
        new WebDriverWait(driver, TimeSpan.FromSeconds(30)).Until(d => d.FindElement(By.Id("time-histogram")).GetAttribute("data-ready") == "true");
        var before = Total(driver);
        var bins = driver.FindElements(By.CssSelector("#time-histogram g.bin"));
        Assert.True(bins.Count >= 5, $"{bins.Count} bins");
        var from = bins.First(b => b.GetAttribute("data-from") == "2019");
        var to = bins.First(b => b.GetAttribute("data-until") == "2020");

        new Actions(driver).MoveToElement(from).ClickAndHold().MoveToElement(to).Release().Perform();
        WaitForUrl(driver, "start=2019-01-01");

        Assert.Contains("end=2020-12-31", driver.Url, StringComparison.Ordinal);
        var after = Total(driver);
        Assert.InRange(after, 1, before - 1);
        Assert.Equal("2019-01-01", driver.FindElement(By.Name("start")).GetAttribute("value"));
        Assert.Equal("date", driver.FindElement(By.Name("start")).GetAttribute("type"));
        new WebDriverWait(driver, TimeSpan.FromSeconds(30)).Until(d => d.FindElement(By.Id("time-histogram")).GetAttribute("data-ready") == "true");
        var selected = driver.FindElements(By.CssSelector("#time-histogram g.bin.selected")).Select(b => b.GetAttribute("data-from")).ToList();
        Assert.Equal(["2019", "2020"], selected);
    }
}
