using System.Diagnostics;
using System.Text.Json;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace DiscoveryPortal.Web.Tests.Browser;

/// <summary>
/// "Send to TOPCAT" in Chromium reaches a desktop tool: astropy's SAMP hub with the Web Profile
/// (ops/samp/samp_hub.py) and a client registered as "topcat" that records what it receives.
/// </summary>
public sealed class BrowserSampTests : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-samp-").FullName;
    private readonly List<Process> _processes = [];
    private WebApplication _app = null!;
    private string _baseUrl = "";

    private static bool AstropyPresent()
    {
        if (!File.Exists(Python))
        {
            return false;
        }
        using var probe = Process.Start(new ProcessStartInfo(Python, ["-c", "import astropy.samp"]) { RedirectStandardError = true })!;
        return probe.WaitForExit(10_000) && probe.ExitCode == 0;
    }

    public async Task InitializeAsync()
    {
        var root = DataRoot.Locate(AppContext.BaseDirectory);
        _app = Program.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={Path.Combine(root, "Web")}",
            $"--Catalog:Path={Path.Combine(_directory, "catalog.db")}",
            "--Catalog:SeedOnStart=false",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        _baseUrl = _app.Urls.First();
        _app.Configuration["Portal:PublicUrl"] = _baseUrl; // the port was chosen at start
        var seed = Path.Combine(root, "data-samples", "seed", "tools.jsonl");
        var pipeline = _app.Services.GetRequiredService<IngestionPipeline>();
        await pipeline.IngestAsync(Connectors.Files.RecordFileReader.Read(seed, "portal-tools"), null, CancellationToken.None);
        await pipeline.IngestAsync(
        [
            new CatalogEntry(new AssetRecord
            {
                Id = "samp-test:m31-spec", SourceId = "samp-test", Title = "M31 nucleus spectrum, SAMP test", Mission = "HST",
                AssetType = AssetType.Observation, ProductTypes = ["spectrum"], Formats = ["application/x-votable+xml"],
                Access = [new AccessLink("http://127.0.0.1:8090/portalobs/m31-spec.vot", "spectrum", "application/x-votable+xml")],
            }),
        ], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes.AsEnumerable().Reverse())
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
    }

    /// <summary>Starts a Python process and waits for a line that says it is ready.</summary>
    private async Task StartAsync(string script, string ready, IDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(Python, [script, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var process = Process.Start(info)!;
        _processes.Add(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(ready, StringComparison.Ordinal))
            {
                return;
            }
        }
        throw new InvalidOperationException($"{script} ended before it was ready: {await process.StandardError.ReadToEndAsync()}");
    }

    [Fact]
    public async Task Send_to_TOPCAT_hands_the_file_URL_to_the_desktop_tool_through_the_Web_Profile()
    {
        if (!AstropyPresent())
        {
            Assert.True(Environment.GetEnvironmentVariable("PORTAL_REQUIRE_PEERS") != "1", "python3-astropy is needed (ops/install-test-peers.sh installs it)");
            return;
        }
        var root = DataRoot.Locate(AppContext.BaseDirectory);
        var lockfile = Path.Combine(_directory, "samp.lock");
        var received = Path.Combine(_directory, "received.jsonl");
        await StartAsync(Path.Combine(root, "ops", "samp", "samp_hub.py"), "hub up", null, lockfile);
        await StartAsync(Path.Combine(root, "tests", "Web.Tests", "Browser", "samp_receiver.py"), "registered",
            new Dictionary<string, string> { ["SAMP_HUB"] = "std-lockurl:file://" + lockfile }, "topcat", received);

        using var driver = HeadlessChromium.Start();
        driver.Navigate().GoToUrl(_baseUrl + "/assets/" + Uri.EscapeDataString("samp-test:m31-spec"));
        var button = driver.FindElement(By.CssSelector("#open-with button.samp-send[data-tool='portal-tools:topcat']"));
        Assert.Equal("Send to TOPCAT (SAMP)", button.Text);
        Assert.Empty(driver.FindElements(By.CssSelector("#open-with button[data-tool='portal-tools:jupyterlab-cuda']")));
        button.Click();

        var status = button.FindElement(By.XPath("following-sibling::span[@class='samp-status']"));
        new WebDriverWait(driver, TimeSpan.FromSeconds(20)) { Message = "waiting for SAMP" }.Until(_ => status.Text.StartsWith("Sent", StringComparison.Ordinal) || status.Text.StartsWith("No", StringComparison.Ordinal) || status.Text.StartsWith("Not", StringComparison.Ordinal));
        Assert.Equal("Sent m31-spec.vot to TOPCAT.", status.Text);
        for (var i = 0; i < 40 && !File.Exists(received); i++)
        {
            await Task.Delay(100);
        }
        var message = JsonDocument.Parse(File.ReadLines(received).Single()).RootElement;
        Assert.Equal("table.load.votable", message.GetProperty("mtype").GetString());
        Assert.Equal("http://127.0.0.1:8090/portalobs/m31-spec.vot", message.GetProperty("params").GetProperty("url").GetString());
        Assert.Equal("m31-spec.vot", message.GetProperty("params").GetProperty("table-id").GetString());
    }
}
