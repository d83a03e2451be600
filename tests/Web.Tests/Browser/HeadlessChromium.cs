using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

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

    /// <summary>Signs in on the portal's sign-in page and waits for the account page it returns to.</summary>
    public static void SignIn(IWebDriver driver, string baseUrl, string name, string password)
    {
        driver.Navigate().GoToUrl(baseUrl + "/account/login");
        driver.FindElement(By.Id("name")).SendKeys(name);
        driver.FindElement(By.Id("password")).SendKeys(password);
        Submit(driver, By.CssSelector("section.sign-in form button[type=submit]"));
        new WebDriverWait(driver, TimeSpan.FromSeconds(10)).Until(d => d.Url.EndsWith("/account", StringComparison.Ordinal));
    }

    /// <summary>Clicks a button that submits a form and waits until the next page has loaded.</summary>
    public static void Submit(IWebDriver driver, By button)
    {
        var page = driver.FindElement(By.TagName("html"));
        driver.FindElement(button).Click();
        new WebDriverWait(driver, TimeSpan.FromSeconds(30)).Until(d =>
        {
            try
            {
                _ = page.TagName;
                return false;
            }
            catch (StaleElementReferenceException)
            {
                return Equals(((IJavaScriptExecutor)d).ExecuteScript("return document.readyState"), "complete");
            }
        });
    }
}
