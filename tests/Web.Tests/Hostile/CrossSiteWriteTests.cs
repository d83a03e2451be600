using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DiscoveryPortal.Indexer.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Web.Tests.Hostile;

/// <summary>
/// A page elsewhere (another port of the same host included) cannot write through the API with a signed-in
/// person's cookie: cookie-carrying writes need the portal's Origin or Referer. Keys and cookie-less calls are unaffected.
/// </summary>
public sealed class CrossSiteWriteTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Password = "a long enough password";
    private const string Csv = "id,title,domain\nrow1,Imported across sites,Space Science\n";

    private async Task<HttpClient> CuratorAsync(string name)
    {
        var accounts = portal.Services.GetRequiredService<AccountService>();
        if (await accounts.FindAsync(name, CancellationToken.None) is null)
        {
            await accounts.CreateAsync(name, Password, Roles.Curator, ["team-x"]);
        }
        return await PortalSession.SignInAsync(portal, name, Password);
    }

    private static HttpRequestMessage Import(HttpContent content, string? origin = null, string? referer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports?mode=dry-run&format=csv&source=team-x") { Content = content };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }
        return request;
    }

    public static TheoryData<string, string?, string?> CrossSite => new()
    {
        { "text/plain", null, null },
        { "text/plain", "http://localhost:8080", null },
        { "application/x-www-form-urlencoded", "http://evil.example", null },
        { "multipart/form-data; boundary=x", null, "http://localhost:9999/attack.html" },
        { "text/plain", "null", null },
    };

    [Theory]
    [MemberData(nameof(CrossSite))]
    public async Task A_cookie_write_from_elsewhere_is_refused(string contentType, string? origin, string? referer)
    {
        using var curator = await CuratorAsync("csrf-victim");
        var content = new StringContent(Csv, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await curator.SendAsync(Import(content, origin, referer));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Cross-site write refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_cookie_write_route_checks_where_it_came_from()
    {
        using var curator = await CuratorAsync("csrf-routes");
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, "/api/sources/local-dachs/harvest"), (HttpMethod.Post, "/api/sources"), (HttpMethod.Put, "/api/sources/x"), (HttpMethod.Delete, "/api/sources/x"),
            (HttpMethod.Post, "/api/sources/probe"), (HttpMethod.Post, "/api/assets"), (HttpMethod.Put, "/api/assets/team-x%3Aa"), (HttpMethod.Delete, "/api/assets/team-x%3Aa"),
            (HttpMethod.Post, "/api/baskets"), (HttpMethod.Post, "/api/baskets/b/items"), (HttpMethod.Delete, "/api/baskets/b/items/a"), (HttpMethod.Post, "/api/launches"),
            (HttpMethod.Post, "/api/account/keys"), (HttpMethod.Delete, "/api/account/keys/k"), (HttpMethod.Post, "/api/imports"),
        })
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            request.Headers.Add("Origin", "http://localhost:8080");
            Assert.True((await curator.SendAsync(request)).StatusCode == HttpStatusCode.Forbidden, $"{method} {path}");
        }
    }

    [Fact]
    public async Task The_portals_own_pages_write_and_json_routes_stay_json_only()
    {
        using var curator = await CuratorAsync("csrf-owner");
        var fromPortal = await curator.SendAsync(Import(new StringContent(Csv, Encoding.UTF8, "text/csv"), origin: PortalSession.Origin));
        Assert.Equal(HttpStatusCode.OK, fromPortal.StatusCode);
        var byReferer = await curator.SendAsync(Import(new StringContent(Csv, Encoding.UTF8, "text/csv"), referer: PortalSession.Origin + "/curate/import"));
        Assert.Equal(HttpStatusCode.OK, byReferer.StatusCode);

        var notJson = await curator.SendAsync(PortalSession.FromPortal(HttpMethod.Post, "/api/assets", new StringContent("{\"id\":\"team-x:a\"}", Encoding.UTF8, "text/plain")));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
    }

    [Fact]
    public async Task Keys_and_cookie_less_calls_need_no_origin()
    {
        var accounts = portal.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("csrf-script", Password, Roles.Curator, ["team-x"]);
        using var script = portal.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await accounts.CreateKeyAsync("csrf-script", "tests", [Scopes.AssetsWrite], CancellationToken.None)).Secret);
        Assert.Equal(HttpStatusCode.OK, (await script.PostAsync("/api/imports?mode=dry-run&format=csv&source=team-x", new StringContent(Csv, Encoding.UTF8, "text/csv"))).StatusCode);

        using var notebook = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        Assert.Equal(HttpStatusCode.Created, (await notebook.PostAsync("/api/baskets", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await notebook.PostAsJsonAsync("/api/baskets", new { })).StatusCode);
    }
}
