using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.SearchApi.Tests.Harvest;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Curation;

/// <summary>Who may register, change and withdraw records through the API, and what the audit log keeps.</summary>
public sealed class CurationAccessTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private readonly HarvestHost _host = new();
    private string _curatorKey = "";
    private string _otherKey = "";
    private string _adminKey = "";

    public async Task InitializeAsync()
    {
        var accounts = _host.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("alice", Password, Roles.Curator, ["team-a"], ["Euclid"]);
        await accounts.CreateAsync("bob", Password, Roles.Curator, ["team-b"]);
        await accounts.CreateAsync("root", Password, Roles.Administrator);
        await accounts.CreateAsync("reader", Password, Roles.Researcher);
        _curatorKey = (await accounts.CreateKeyAsync("alice", "tests", [Scopes.AssetsWrite], CancellationToken.None)).Secret;
        _otherKey = (await accounts.CreateKeyAsync("bob", "tests", [Scopes.AssetsWrite], CancellationToken.None)).Secret;
        _adminKey = (await accounts.CreateKeyAsync("root", "tests", [Scopes.AssetsWrite], CancellationToken.None)).Secret;
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    private HttpClient Client(string? key = null)
    {
        var client = _host.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    private static object Dataset(string source, string id, string title, string? url = "https://data.example/file.fits", string domain = "Space Science", string? mission = null) => new
    {
        id = $"{source}:{id}",
        sourceId = source,
        title,
        description = "A dataset registered by its archive team.",
        domain,
        mission,
        assetType = "dataset",
        productTypes = new[] { "image" },
        formats = new[] { "application/fits" },
        access = url is null ? Array.Empty<object>() : [new { url }],
    };

    [Fact]
    public async Task Anonymous_writes_are_refused_with_401_and_change_nothing()
    {
        using var anonymous = Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/assets", Dataset("team-a", "x", "Anonymous"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/assets/team-a%3Ax")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/account/keys", new { label = "mine" })).StatusCode);
        using var forged = Client(AccountService.KeyPrefix + "0123456789abcdef_notarealsecretatall");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PostAsJsonAsync("/api/assets", Dataset("team-a", "x", "Forged"))).StatusCode);
        Assert.Equal(0, (long)(await _host.SearchAsync("source=team-a"))["total"]!);
    }

    [Fact]
    public async Task A_curator_registers_in_scope_and_the_record_is_searchable_at_once()
    {
        using var alice = Client(_curatorKey);
        // A first registration and search warm the path up, so the figure printed is the write becoming visible, not the first call's compilation.
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/assets", Dataset("team-a", "warm-up", "Warm-up tile"))).StatusCode);
        Assert.Equal("team-a:warm-up", (string)(await _host.SearchAsync("q=warm-up%20tile"))["hits"]![0]!["id"]!);
        var watch = Stopwatch.StartNew();
        var created = await alice.PostAsJsonAsync("/api/assets", Dataset("team-a", "deep-field", "Euclid deep field mosaic, registered"));
        var found = await _host.SearchAsync("q=registered%20mosaic");
        watch.Stop();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("team-a:deep-field", (string)found["hits"]![0]!["id"]!);
        // One search, not a poll: the registration answers only once the record is searchable.
        Console.WriteLine($"curation: registered to found in {watch.ElapsedMilliseconds} ms");

        // Scope by mission: a record of another source, but of a mission alice curates.
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/assets", Dataset("survey-x", "vis-1", "Euclid VIS tile", mission: "Euclid"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await alice.PostAsJsonAsync("/api/assets", Dataset("team-a", "deep-field", "again"))).StatusCode);
    }

    [Fact]
    public async Task Out_of_scope_writes_are_refused_with_403_and_change_nothing()
    {
        using var bob = Client(_otherKey);
        Assert.Equal(HttpStatusCode.Created, (await bob.PostAsJsonAsync("/api/assets", Dataset("team-b", "cube", "Bob's cube"))).StatusCode);
        using var alice = Client(_curatorKey);
        var register = await alice.PostAsJsonAsync("/api/assets", Dataset("team-b", "other", "Not alice's"));
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Contains("alice curates team-a, Euclid", await register.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PutAsJsonAsync("/api/assets/team-b%3Acube", Dataset("team-b", "cube", "Taken over"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.DeleteAsync("/api/assets/team-b%3Acube")).StatusCode);
        // Taking a record over by moving it into a mission one curates is refused too: the record as it was must be in scope.
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PutAsJsonAsync("/api/assets/team-b%3Acube", Dataset("team-b", "cube", "Now Euclid's", mission: "Euclid"))).StatusCode);
        Assert.Equal("Bob's cube", (string)(await _host.SearchAsync("source=team-b"))["hits"]![0]!["title"]!);
    }

    [Fact]
    public async Task A_researcher_cannot_write_and_cannot_make_a_key_that_could()
    {
        var reader = await _host.Services.GetRequiredService<AccountService>().SignInAsync("reader", Password, CancellationToken.None);
        Assert.NotNull(reader);
        var key = (await _host.Services.GetRequiredService<AccountService>().CreateKeyAsync("reader", "tries", [Scopes.AssetsWrite], CancellationToken.None)).Secret;
        using var client = Client(key);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/assets", Dataset("team-a", "r", "Reader's"))).StatusCode);
        Assert.Null(await _host.Services.GetRequiredService<AccountService>().SignInAsync("reader", "wrong password here", CancellationToken.None));
    }

    [Fact]
    public async Task Bad_records_get_each_problem_named_and_nothing_is_stored()
    {
        using var alice = Client(_curatorKey);
        var response = await alice.PostAsJsonAsync("/api/assets", Dataset("team-a", "bad", "Bad", url: "javascript:alert(1)", domain: "Astrology"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var fields = problem["problems"]!.AsArray().Select(p => (string)p!["field"]!).ToList();
        Assert.Contains("access", fields);
        Assert.Contains("domain", fields);
        Assert.Contains("'javascript:alert(1)' is not an http(s) URL", (string)problem["detail"]!);
        Assert.Equal(0, (long)(await _host.SearchAsync("source=team-a"))["total"]!);
    }

    [Fact]
    public async Task Changes_are_audited_with_who_when_and_from_what_to_what_and_a_revoked_key_stops_working()
    {
        using var alice = Client(_curatorKey);
        await alice.PostAsJsonAsync("/api/assets", Dataset("team-a", "audited", "First title"));
        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsJsonAsync("/api/assets/team-a%3Aaudited", Dataset("team-a", "audited", "Second title"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync("/api/assets/team-a%3Aaudited")).StatusCode);
        Assert.Equal(0, (long)(await _host.SearchAsync("q=Second%20title&source=team-a"))["total"]!);

        using var admin = Client(_adminKey);
        var entries = await admin.GetFromJsonAsync<JsonArray>("/api/audit?target=team-a%3Aaudited");
        Assert.Equal(["withdraw", "replace", "register"], entries!.Select(e => (string)e!["action"]!));
        Assert.All(entries!, e => Assert.Equal("alice", (string)e!["actor"]!));
        var replace = entries![1]!;
        Assert.Equal("First title", (string)JsonNode.Parse((string)replace["before"]!)!["title"]!);
        Assert.Equal("Second title", (string)JsonNode.Parse((string)replace["after"]!)!["title"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/api/audit")).StatusCode);

        // A key neither makes keys nor revokes them: a person signed in on the portal does (tests/Web.Tests/Hostile/ApiKeyTests).
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostAsJsonAsync("/api/account/keys", new { label = "laptop" })).StatusCode);
        var accounts = _host.Services.GetRequiredService<AccountService>();
        var (key, secret) = await accounts.CreateKeyAsync("alice", "laptop", [Scopes.AssetsWrite], CancellationToken.None);
        using var laptop = Client(secret);
        Assert.Equal(HttpStatusCode.Created, (await laptop.PostAsJsonAsync("/api/assets", Dataset("team-a", "from-laptop", "From the laptop"))).StatusCode);
        var listed = await alice.GetStringAsync("/api/account/keys");
        Assert.DoesNotContain(secret, listed); // the secret is shown once, never listed
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.DeleteAsync($"/api/account/keys/{key.Id}")).StatusCode);
        Assert.True(await accounts.RevokeKeyAsync("alice", key.Id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.PostAsJsonAsync("/api/assets", Dataset("team-a", "after-revoke", "After"))).StatusCode);
    }
}
