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
        var accounts = portal.Services.GetRequiredService<AccountStore>();
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
        Assert.StartsWith(AccountStore.KeyPrefix, key);
        Assert.NotNull(await accounts.AuthenticateKeyAsync(key, CancellationToken.None));
        Assert.DoesNotContain(key, await client.GetStringAsync("/account")); // shown once

        await PostFormAsync(client, "/account", "/account/login/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);
    }
}
