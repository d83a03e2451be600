using System.Diagnostics;
using System.Text;
using DiscoveryPortal.Indexer.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DiscoveryPortal.Web.Tests.Hostile;

/// <summary>
/// Seeded hostile GET requests over every page route (read from the portal's endpoints) and the query
/// parameters pages read, anonymous and signed in as a curator: no page answers 5xx.
/// </summary>
public sealed class PageFuzzTests(PortalFixture portal, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    private const int Seed = 1201;
    private const int Target = 20_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    private static readonly string[] Parameters =
    [
        "q", "page", "id", "ReturnUrl", "returnUrl", "saved", "handler", "format", "domain", "mission", "instrument", "assetType", "productType",
        "waveband", "source", "ra", "dec", "radius", "bbox", "start", "end", "sort", "size", "cursor", "basketId", "toolId", "facilityId", "assetIds",
    ];

    private static readonly string[] Values =
    [
        "", " ", "%20", "%09", "%0d%0a", "%00", "%ff", "%2f", "%25", "crab", "*", "a* b* c*", "\"", "'", "(", "title:", "-", "NOT", "OR",
        "-1", "0", "1", "2147483648", "1e309", "NaN", "9999", "9999-12", "9999-12-31", "0000", "-1", "10000-01-01", "2021-02-30",
        "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "//evil.example", "https://evil.example", "javascript:alert(1)", "\\\\evil",
        "1,2,3", "-181,-91,181,91", "newest", "csv", "ß漢字🙂", "\u202e", "\u0001", "hst:j8pu0ybhq", "local-dachs", "no-such", "a:b",
    ];

    [Fact]
    public async Task Hostile_page_requests_answer_no_5xx()
    {
        using var quiet = portal.WithWebHostBuilder(b => b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
        var templates = quiet.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(t => !t.StartsWith("/api", StringComparison.Ordinal) && !t.StartsWith("/openapi", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.Contains("/assets/{id}", templates);
        output.WriteLine(string.Join(", ", templates));

        var accounts = quiet.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("page-fuzz", "a long enough password", Roles.Curator, ["local-dachs"], ["HST"]);
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true };
        using var anonymous = quiet.CreateClient(options);
        using var curator = quiet.CreateClient(options);
        var signIn = await PortalSession.PostFormAsync(curator, "/account/login", "/account/login", new() { ["name"] = "page-fuzz", ["password"] = "a long enough password" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);

        var random = new Random(Seed);
        var urls = Enumerable.Range(0, Target).Select(_ => Url(random, templates)).ToList();
        var failures = new List<string>();
        var watch = Stopwatch.StartNew();
        var sent = 0;
        var next = -1;
        async Task Worker()
        {
            while (watch.Elapsed < Budget && Interlocked.Increment(ref next) is var i && i < urls.Count)
            {
                int status;
                string body = "";
                try
                {
                    using var response = await (i % 2 == 0 ? anonymous : curator).GetAsync(urls[i]);
                    status = (int)response.StatusCode;
                    if (status >= 500)
                    {
                        body = await response.Content.ReadAsStringAsync();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    (status, body) = (599, e.ToString());
                }
                Interlocked.Increment(ref sent);
                if (status >= 500)
                {
                    lock (failures)
                    {
                        if (failures.Count < 10)
                        {
                            failures.Add($"GET {urls[i]} -> {status}: {(body.Length > 400 ? body[..400] : body)}");
                        }
                    }
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Worker)));

        output.WriteLine($"{sent:N0} page requests in {watch.Elapsed.TotalSeconds:F0} s (seed {Seed})");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(sent >= 5_000, $"only {sent:N0} requests");
    }

    private static string Url(Random random, List<string> templates)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(templates[random.Next(templates.Count)], "\\{[^}]+\\}", _ => Part(random, inPath: true));
        path = path.Replace("/%00", "/%01", StringComparison.Ordinal);
        var query = new StringBuilder();
        for (var n = random.Next(0, 5); n > 0; n--)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(Parameters[random.Next(Parameters.Length)]).Append('=').Append(Part(random, inPath: false));
        }
        return path + query;
    }

    private static string Part(Random random, bool inPath)
    {
        var value = Values[random.Next(Values.Length)];
        if (random.Next(8) == 0)
        {
            value = string.Concat(Enumerable.Repeat(value.Length == 0 ? "a" : value, random.Next(50, 2000)));
        }
        var encoded = value.StartsWith('%') ? value : Uri.EscapeDataString(value);
        return inPath && (encoded.Length == 0 || encoded.Contains("%00", StringComparison.Ordinal)) ? "%20" : encoded;
    }
}
