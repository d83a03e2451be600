using System.Net;
using System.Text.RegularExpressions;
using DiscoveryPortal.Indexer.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Web.Tests.Pages;

public partial class AccountPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<code id=\"new-key\">(?<key>dpk_[^<]+)</code>")]
    private static partial Regex NewKey();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = Token().Match(html).Groups["token"].Value;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_curator_signs_in_makes_a_key_shown_once_and_signs_out()
    {
        var accounts = portal.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("carol", "a long enough password", Roles.Curator, ["team-c"]);
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode); // to the sign-in page
        var wrong = await PostFormAsync(client, "/account/login", "/account/login", new() { ["name"] = "carol", ["password"] = "not the password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync());

        var signedIn = await PostFormAsync(client, "/account/login", "/account/login", new() { ["name"] = "carol", ["password"] = "a long enough password" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var page = await client.GetStringAsync("/account");
        Assert.Contains("<h1 id=\"account-title\">carol</h1>", page);
        Assert.Contains("curator</strong>", page);

        var made = await PostFormAsync(client, "/account", "/account/createkey", new() { ["label"] = "pipeline" });
        var key = NewKey().Match(await made.Content.ReadAsStringAsync()).Groups["key"].Value;
        Assert.StartsWith(AccountService.KeyPrefix, key);
        Assert.NotNull(await accounts.AuthenticateKeyAsync(key, CancellationToken.None));
        Assert.DoesNotContain(key, await client.GetStringAsync("/account")); // shown once

        await PostFormAsync(client, "/account", "/account/login/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_account_finds_its_basket_in_every_browser()
    {
        await portal.Services.GetRequiredService<AccountService>().CreateAsync("dave", "a long enough password", Roles.Researcher);
        using var laptop = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var desktop = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var browser in new[] { laptop, desktop })
        {
            await PostFormAsync(browser, "/account/login", "/account/login", new() { ["name"] = "dave", ["password"] = "a long enough password" });
        }
        var hit = await laptop.GetStringAsync("/search?q=Herschel%20PACS");
        var id = System.Net.WebUtility.HtmlDecode(Regex.Match(hit, "<input type=\"hidden\" name=\"assetId\" value=\"([^\"]+)\" />").Groups[1].Value);
        var added = await PostFormAsync(laptop, "/search?q=Herschel%20PACS", "/basket/add", new() { ["assetId"] = id, ["returnUrl"] = "/basket" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(id), await desktop.GetStringAsync("/basket"));
        using var anonymous = portal.CreateClient();
        Assert.Contains("Your basket is empty", await anonymous.GetStringAsync("/basket"));
    }
}
