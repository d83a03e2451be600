using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Indexer.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Web.Tests.Hostile;

/// <summary>Password guessing is throttled: five failures lock the account for 15 minutes, audited, and the right password does not open it meanwhile.</summary>
public sealed class SignInThrottleTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Password = "a long enough password";

    private sealed class MovableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string name, string password) =>
        PortalSession.PostFormAsync(client, "/account/login", "/account/login", new() { ["name"] = name, ["password"] = password });

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_until_the_lockout_ends()
    {
        var clock = new MovableClock();
        using var host = portal.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var accounts = host.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("guessed", Password, Roles.Curator, ["team-g"]);
        await accounts.CreateAsync("auditor", Password, Roles.Administrator);
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(client, "guessed", "wrong guess " + i)).StatusCode);
        }
        var fifth = await SignIn(client, "guessed", "wrong guess 5");
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.True(fifth.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));

        var right = await SignIn(client, "guessed", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.DoesNotContain(right.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("portal-session=", StringComparison.Ordinal));
        Assert.Contains("Too many failed sign-ins", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode); // not signed in

        // Another account from another browser is not locked by them (the address limit is higher).
        using var other = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(other, "auditor", Password)).StatusCode);
        var audit = await other.GetFromJsonAsync<JsonArray>("/api/audit?target=account%3Aguessed");
        var lockout = Assert.Single(audit!);
        Assert.Equal("lockout", (string)lockout!["action"]!);

        clock.Now += TimeSpan.FromMinutes(16);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(client, "guessed", Password)).StatusCode);
    }

    [Fact]
    public async Task Guessing_across_many_accounts_from_one_address_locks_the_address()
    {
        using var host = portal.WithWebHostBuilder(b => b.UseSetting("SignIn:MaxFailuresPerAddress", "8"));
        var accounts = host.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("sprayed", Password, Roles.Researcher);
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 8; i++)
        {
            await SignIn(client, $"nobody{i}", "some guess");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignIn(client, "sprayed", Password)).StatusCode);
    }
}
