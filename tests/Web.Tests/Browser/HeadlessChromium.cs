using OpenQA.Selenium.Chrome;

namespace DiscoveryPortal.Web.Tests.Browser;

/// <summary>Debian's Chromium, headless, driven through chromedriver (ops/install-test-peers.sh installs both).</summary>
internal static class HeadlessChromium
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    public static ChromeDriver Start(int width = 1280)
    {
        Assert.True(File.Exists(Chromium) && File.Exists(ChromeDriver),
            "Debian's chromium and chromium-driver are needed: run ops/install-test-peers.sh (the test command does).");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--window-size={width},900",
            $"--user-data-dir={Path.Combine(Path.GetTempPath(), "chromium-" + Guid.NewGuid().ToString("N"))}");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
