using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Indexer.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Web.Tests.Hostile;

/// <summary>Only a person signed in makes or revokes keys; a key can do neither, and a revoked key stops at once.</summary>
public sealed class ApiKeyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task A_key_cannot_mint_keys_nor_revoke_one_and_a_revoked_key_stops_at_once()
    {
        await portal.Services.GetRequiredService<AccountService>().CreateAsync("kate", Password, Roles.Curator, ["team-k"]);
        using var person = await PortalSession.SignInAsync(portal, "kate", Password);
        var made = await person.SendAsync(PortalSession.FromPortal(HttpMethod.Post, "/api/account/keys", JsonContent.Create(new { label = "script\u202e" })));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var key = (await made.Content.ReadFromJsonAsync<JsonObject>())!;
        using var script = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)key["key"]!);

        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/account/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await script.PostAsJsonAsync("/api/account/keys", new { label = "minted" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await script.DeleteAsync($"/api/account/keys/{key["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await script.GetAsync("/account")).StatusCode); // nor through the account page's form
        Assert.Equal("script", (string)Assert.Single((await script.GetFromJsonAsync<JsonArray>("/api/account/keys"))!)!["label"]!);

        var revoked = await person.SendAsync(PortalSession.FromPortal(HttpMethod.Delete, $"/api/account/keys/{key["id"]}"));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/account/keys")).StatusCode);
    }
}
