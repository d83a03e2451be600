using System.Diagnostics;
using System.Security.Cryptography;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.SearchApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace DiscoveryPortal.Web.Tests.Browser;

/// <summary>
/// A researcher in Chromium goes from a search hit to a running session on the local JupyterHub
/// (ops/jupyterhub) through the "Open with" menu, and finds the selected file in it.
/// </summary>
public sealed class BrowserLaunchTests : IAsyncLifetime
{
    private const string Hub = "http://127.0.0.1:8000";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-browser-launch-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _image = RandomNumberGenerator.GetBytes(4_096);
    private WebApplication _app = null!;
    private WebApplication _files = null!;
    private string _baseUrl = "";

    private static bool HubUp()
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            return http.GetAsync(Hub + "/hub/api").GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _files = builder.Build();
        _files.MapGet("/data/ngc253-r.fits", () => Results.Bytes(_image, "application/fits"));
        await _files.StartAsync();

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
        var url = _files.Urls.First() + "/data/ngc253-r.fits";
        await _app.Services.GetRequiredService<IngestionPipeline>().IngestAsync(
        [
            new CatalogEntry(new AssetRecord
            {
                Id = "browser-launch:ngc253-r", SourceId = "browser-launch", Title = "NGC 253 in R, browser launch test", Mission = "HST",
                AssetType = AssetType.Observation, ProductTypes = ["image"], Formats = ["application/fits"],
                Access = [new AccessLink(url, "NGC 253 R", "application/fits", _image.Length, null)],
            }),
        ], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _files.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
    }

    [Fact]
    public void Open_with_JupyterLab_lands_on_the_running_session_holding_the_file()
    {
        if (!HubUp())
        {
            Assert.True(Environment.GetEnvironmentVariable("PORTAL_REQUIRE_PEERS") != "1", "the local JupyterHub is not running (bash ops/install-test-peers.sh starts it)");
            return;
        }
        using var driver = HeadlessChromium.Start();
        driver.Navigate().GoToUrl(_baseUrl + "/search?q=NGC%20253%20browser%20launch");
        var hit = driver.FindElement(By.CssSelector("ol.hits li.hit"));
        hit.FindElement(By.CssSelector("details.open-with-menu summary")).Click();
        var button = hit.FindElement(By.CssSelector("button[data-tool='portal-tools:jupyterlab'][data-facility='local-hub']"));
        Assert.Equal("Open in JupyterLab (Python, astropy, xarray) on Local JupyterHub", button.Text);

        var watch = Stopwatch.StartNew();
        button.Click();
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(60)) { Message = "waiting for the session" };
        try
        {
            wait.Until(d => d.Url.StartsWith(Hub + "/user/v", StringComparison.Ordinal));
            wait.Until(d => d.FindElements(By.CssSelector("#notebook_list .item_name")).Any(e => e.Text == "ngc253-r.fits"));
        }
        catch (WebDriverTimeoutException e)
        {
            var text = driver.FindElement(By.TagName("body")).Text;
            throw new Xunit.Sdk.XunitException($"{e.Message} at {driver.Url}: {text[..Math.Min(600, text.Length)]}");
        }
        watch.Stop();
        Assert.Contains("/launch-", driver.Url, StringComparison.Ordinal);
        Console.WriteLine($"browser launch: click to a session listing the file in {watch.ElapsedMilliseconds} ms");
    }
}
