using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DiscoveryPortal.SearchApi.Tests.Fuzz;

/// <summary>
/// Seeded random GET requests over every GET route the API maps and every parameter each route reads
/// (enumerated from the app's endpoints, so a new route or parameter is fuzzed without a change here),
/// with hostile values: huge, empty, unicode, control characters, %00, numbers out of range, dates like
/// 9999, 0000 and -1, wildcards, quotes, SQL, HTML and path traversal. Nothing may answer 5xx. Requests
/// go over HTTP only, so the test holds whatever engine answers a route.
/// </summary>
public sealed class GetRouteFuzzTests(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private const int Seed = 20261201;
    private const int Target = 100_000;
    private const int Minimum = 25_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    /// <summary>A GET route: its template, the names of its route values and of the query parameters its handler reads.</summary>
    private sealed record Route(string Template, IReadOnlyList<string> RouteValues, IReadOnlyList<string> Query);

    private static readonly string[] Hostile =
    [
        "", " ", "  \t ", "a", "crab", "crab nebula", "\"crab nebula\"", "pulsar OR magnetar", "nebula -crab", "nebula NOT crab", "spectr*",
        "title:", "mission:hubble", "instrument:\"NIRSpec\"", "author:", "doi:10.5281/zenodo.1", "keyword:\"", "mission:\"unterminated",
        "*", "**", "a*", "*a", "a**", "a* b* c*", "\"", "'", "''", "\"\"", "\"'\"", "`", "\\", "\\\"", "(", ")", "((a)", "a)", "NOT", "OR", "AND", "-", "--", "- -", "NEAR(a b)",
        "{a}", "^a", "a:b:c", ":", "::", "title:*", "-*", "NOT *", "OR OR OR", "a OR", "OR a",
        "' OR 1=1 --", "\"; DROP TABLE assets; --", "x' UNION SELECT name FROM sqlite_master --", "1; SELECT * FROM users", "%' OR '%'='",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "<svg/onload=alert(1)>", "&amp;&lt;&#0;",
        "../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "....//....//", ".", "..", "./", "%2e%2e%2f", "file:///etc/passwd",
        "-1", "0", "-0", "1", "01", "1e309", "-1e309", "NaN", "Infinity", "-Infinity", "1.7976931348623157E+309", "4.9E-325", "2147483647", "2147483648",
        "-2147483649", "9223372036854775808", "99999999999999999999999999", "0x10", "1_000", "1,5", "١٢٣", "１２３", "+5", "5.", ".5", "5e", "e5",
        "360", "360.0000001", "-360.0000001", "90", "-90.0000001", "180", "180.0000001", "1e-320",
        "9999", "9999-12", "9999-12-31", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59-14:00", "0000", "0000-00",
        "0000-00-00", "0001-01-01", "0001-01-01T00:00:00+14:00", "-1", "-0001-01-01", "10000", "10000-01-01", "2021-02-30", "2021-13-01", "2021-00",
        "2021-1-1", "2021-06-01T25:00:00Z", "2021-06-01T12:00:00+99:00", "T", "2021T", "1800-01-01", "1799-12-31",
        "1,2,3", "1,2,3,4", "-181,-91,181,91", "-180,-90,180,90", "a,b,c,d", ",,,", "1,2,3,4,5", "NaN,NaN,NaN,NaN", "10,20,5,10",
        "relevance", "newest", "title", "RELEVANCE", "rel evance", "json", "csv", "votable", "xml", "CSV",
        "AAAA", "eyJ4IjoxfQ", "eyJ4IjoxfQ==", "////", "____", "AA==", "%",
        "ß", "漢字", "🙂", "e\u0301", "\u202egnp.exe", "\u200b", "\uFEFF", "\u0001", "\u0007", "\u001b[31m", "\r\n", "\n", "\r", "\t", "\u0085", "\u2028",
        "hst:j8pu0ybhq", "no-such:id", "a:b", ":x", "x:", "zenodo:1234",
    ];

    /// <summary>Values sent as written, already percent-encoded: bytes that are not UTF-8, NUL, encoded separators.</summary>
    private static readonly string[] RawEncoded = ["%00", "%ff%fe", "%c0%af", "%e2%80%ae", "%2f", "%2F..%2F", "%25", "%%", "%zz", "%0d%0a", "%09", "%20", "a%00b", "%u0041", "%f0%9f"];

    [Fact]
    public async Task A_hundred_thousand_hostile_get_requests_over_every_route_answer_no_5xx()
    {
        var routes = GetRoutes();
        Assert.Contains(routes, r => r.Template == "/api/search" && r.Query.Contains("end") && r.Query.Contains("q"));
        Assert.Contains(routes, r => r.Template == "/api/assets/{id}");
        output.WriteLine($"{routes.Count} GET routes: {string.Join("; ", routes.Select(r => $"{r.Template} ?{string.Join("&", r.Query)}"))}");

        var realIds = await RealValuesAsync();
        var random = new Random(Seed);
        var requests = Enumerable.Range(0, Target).Select(_ => Build(random, routes, realIds)).ToList();

        var failures = new List<string>();
        var sent = 0;
        var statuses = new Dictionary<int, int>();
        var watch = Stopwatch.StartNew();
        // The same catalogue, logging only warnings: a hundred thousand request logs would cost more than the requests.
        using var quiet = api.WithWebHostBuilder(b => b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
        var options = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        using var anonymous = quiet.CreateClient(options);
        // One request in four as an administrator with a key, so routes behind sign-in are fuzzed past their 401.
        using var administrator = quiet.CreateClient(options);
        var accounts = api.Services.GetRequiredService<DiscoveryPortal.Indexer.Accounts.AccountService>();
        await accounts.CreateAsync("fuzz-admin", "correct horse battery staple", DiscoveryPortal.Indexer.Accounts.Roles.Administrator);
        administrator.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await accounts.CreateKeyAsync("fuzz-admin", "fuzz", DiscoveryPortal.Indexer.Accounts.Scopes.All, CancellationToken.None)).Secret);
        var next = -1;
        async Task Worker()
        {
            while (watch.Elapsed < Budget)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= requests.Count)
                {
                    return;
                }
                var url = requests[i];
                int status;
                string body;
                try
                {
                    using var response = await (i % 4 != 0 ? anonymous : administrator).GetAsync(url);
                    status = (int)response.StatusCode;
                    body = status >= 500 ? await response.Content.ReadAsStringAsync() : "";
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    (status, body) = (599, e.ToString());
                }
                Interlocked.Increment(ref sent);
                lock (statuses)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (status >= 500 && failures.Count < 10)
                    {
                        failures.Add($"GET {url} -> {status}: {(body.Length > 600 ? body[..600] + "…" : body)}");
                    }
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Worker)));

        output.WriteLine($"{sent:N0} requests in {watch.Elapsed.TotalSeconds:F0} s (seed {Seed}); statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value:N0}"))}");
        Assert.True(failures.Count == 0, $"{failures.Count} server errors; the first:\n{string.Join("\n", failures)}");
        Assert.True(sent >= Minimum, $"only {sent:N0} requests in {Budget.TotalSeconds} s; at least {Minimum:N0} are needed");
    }

    /// <summary>Every GET route of the app, with the route values of its template and the query parameters its handler binds.</summary>
    private List<Route> GetRoutes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET"))
            {
                continue;
            }
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            // The reference page's script and icon are fixed files that read nothing of the request; at
            // megabytes an answer they would take the time budget from the routes that parse input.
            if (template.StartsWith("/api/docs/", StringComparison.Ordinal) && Path.HasExtension(template))
            {
                continue;
            }
            var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var query = new List<string>();
            if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler)
            {
                foreach (var parameter in handler.GetParameters())
                {
                    if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
                    {
                        query.AddRange(parameter.ParameterType.GetProperties()
                            .Select(p => p.GetCustomAttribute<FromQueryAttribute>() is { } q ? q.Name ?? p.Name : null).OfType<string>());
                    }
                    else if (parameter.Name is { } name && !routeValues.Contains(name, StringComparer.OrdinalIgnoreCase) && IsScalar(parameter.ParameterType))
                    {
                        query.Add(parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? name);
                    }
                }
            }
            routes.Add(new Route(template, routeValues, query.Distinct().ToList()));
        }
        return routes;
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsPrimitive || t == typeof(decimal) || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t.IsEnum || t == typeof(string[]);
    }

    /// <summary>Ids that exist, so the fuzz reaches past "not found": seeded assets, a basket, a source.</summary>
    private async Task<List<string>> RealValuesAsync()
    {
        using var client = api.CreateClient();
        var values = new List<string>();
        var hits = (await (await client.GetAsync("/api/search?size=20")).Content.ReadAsStringAsync());
        values.AddRange(JsonNode.Parse(hits)!["hits"]!.AsArray().Select(h => (string)h!["id"]!));
        var basket = JsonNode.Parse(await (await client.PostAsync("/api/baskets", null)).Content.ReadAsStringAsync())!;
        values.Add((string)basket["id"]!);
        values.AddRange(JsonNode.Parse(await client.GetStringAsync("/api/sources"))!.AsArray().Take(5).Select(s => (string?)(s?["id"] ?? s?["definition"]?["id"])).OfType<string>());
        values.Add("v1");
        values.Add((string?)JsonNode.Parse(await client.GetStringAsync("/api/search?size=1"))!["next"] ?? "");
        return values.Where(v => v is not null).ToList();
    }

    private static string Build(Random random, List<Route> routes, List<string> real)
    {
        var route = routes[random.Next(routes.Count)];
        var path = route.Template;
        foreach (var name in route.RouteValues)
        {
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + name + "[^}]*\\}", PathValue(random, real));
        }
        var query = new StringBuilder();
        var parameters = route.Query.Concat(["page", "format", "x", "q[]", "__proto__"]).ToList();
        var count = random.Next(0, Math.Min(6, parameters.Count + 1));
        for (var i = 0; i < count; i++)
        {
            var name = parameters[random.Next(parameters.Count)];
            var repeats = random.Next(20) == 0 ? random.Next(2, 70) : 1; // facets take at most 50 values
            for (var r = 0; r < repeats; r++)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(QueryValue(random, real));
            }
        }
        if (random.Next(50) == 0)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(RawEncoded[random.Next(RawEncoded.Length)]);
        }
        return path + query;
    }

    /// <summary>A route value: never NUL (the in-process test server refuses a path with one before the app sees it).</summary>
    private static string PathValue(Random random, List<string> real)
    {
        if (random.Next(4) == 0)
        {
            return Uri.EscapeDataString(real[random.Next(real.Count)]);
        }
        if (random.Next(10) == 0)
        {
            return RawEncoded[random.Next(RawEncoded.Length)].Replace("%00", "%01", StringComparison.Ordinal);
        }
        var value = Value(random, real).Replace("\0", "", StringComparison.Ordinal);
        return value.Length == 0 ? "%20" : Uri.EscapeDataString(value);
    }

    private static string QueryValue(Random random, List<string> real) =>
        random.Next(12) == 0 ? RawEncoded[random.Next(RawEncoded.Length)] : Uri.EscapeDataString(Value(random, real));

    private static string Value(Random random, List<string> real)
    {
        switch (random.Next(10))
        {
            case 0:
                return real[random.Next(real.Count)];
            case 1:
                // Huge: a value repeated up to about 12,000 characters.
                var unit = Hostile[random.Next(Hostile.Length)] is { Length: > 0 } u ? u : "a";
                return string.Concat(Enumerable.Repeat(unit, Math.Max(1, random.Next(200, 12_000) / unit.Length)));
            case 2:
                return Hostile[random.Next(Hostile.Length)] + Hostile[random.Next(Hostile.Length)];
            case 3:
                return RandomText(random);
            case 4:
                return string.Join(' ', Enumerable.Range(0, random.Next(2, 70)).Select(_ => (char)('a' + random.Next(26)) + "*"));
            case 5:
                return random.Next(3) switch
                {
                    0 => random.NextDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    1 => ((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(0, 320))).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    _ => random.NextInt64(long.MinValue, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
            default:
                return Hostile[random.Next(Hostile.Length)];
        }
    }

    /// <summary>Random code points: controls, letters of many scripts, symbols, bidi controls (no lone surrogates, which cannot be encoded).</summary>
    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(1, 40); i > 0; i--)
        {
            var codePoint = random.Next(6) switch
            {
                0 => random.Next(0x00, 0x20),
                1 => random.Next(0x20, 0x7f),
                2 => random.Next(0xa0, 0x2000),
                3 => random.Next(0x2000, 0xd800),
                4 => random.Next(0xe000, 0x10000),
                _ => random.Next(0x10000, 0x110000),
            };
            text.Append(char.ConvertFromUtf32(codePoint));
        }
        return text.ToString();
    }
}
