using System.Net;
using System.Text.Json.Nodes;
using DiscoveryPortal.SearchApi.Tests.Clients;

namespace DiscoveryPortal.SearchApi.Tests.OpenApi;

/// <summary>The OpenAPI document as a client generator and a linter read it, and the reference page built on it.</summary>
public sealed class OpenApiDocumentTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _client = api.CreateClient();

    private async Task<JsonObject> Document() => JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!.AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (p.Key, o.Key, o.Value!.AsObject())));

    [ClientFact(nameof(ExternalClient.Spectral))]
    public async Task Spectral_with_the_oas_ruleset_finds_no_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"portal-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, await _client.GetStringAsync("/openapi/v1.json"));
        try
        {
            var ruleset = Path.Combine(TestPaths.Repository(), "ops", "spectral", ".spectral.yaml");
            var (exit, stdout, stderr) = ExternalClient.Spectral.Run(180, "lint", path, "--ruleset", ruleset, "--fail-severity", "error", "--format", "text");
            Assert.True(exit == 0, $"spectral: {stdout}\n{stderr}");
            Assert.DoesNotContain(" error ", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Routes_that_need_an_account_require_the_bearer_key()
    {
        var document = await Document();

        var scheme = document["components"]!["securitySchemes"]!["apiKey"]!;
        Assert.Equal("http", (string?)scheme["type"]);
        Assert.Equal("bearer", (string?)scheme["scheme"]);
        var secured = Operations(document).Where(o => o.Operation["security"] is JsonArray { Count: > 0 }).Select(o => $"{o.Method} {o.Path}").ToList();
        Assert.Contains("post /api/imports", secured);
        Assert.Contains("post /api/assets", secured);
        Assert.Contains("get /api/audit", secured);
        Assert.DoesNotContain("get /api/search", secured);
        Assert.DoesNotContain("get /vo/scs", secured);
        Assert.All(Operations(document).Where(o => o.Operation["security"] is JsonArray { Count: > 0 }),
            o => Assert.True(o.Operation["responses"]!.AsObject().ContainsKey("401"), $"{o.Method} {o.Path} needs a key but documents no 401"));
    }

    [Fact]
    public async Task Numbers_are_typed_as_numbers_only()
    {
        var mixed = new List<string>();
        void Walk(JsonNode? node, string at)
        {
            if (node is JsonObject o)
            {
                if (o["type"] is JsonArray types && types.Any(t => (string?)t == "string") && types.Any(t => (string?)t is "number" or "integer"))
                {
                    mixed.Add(at);
                }
                foreach (var (key, value) in o)
                {
                    Walk(value, at + "/" + key);
                }
            }
            else if (node is JsonArray a)
            {
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], at + "/" + i);
                }
            }
        }
        var document = await Document();
        Walk(document, "");

        Assert.Empty(mixed);
        Assert.Equal("number", (string?)document["components"]!["schemas"]!["SkyFootprint"]!["properties"]!["ra"]!["type"]);
        // And the API reads only numbers where it documents numbers.
        var basket = JsonNode.Parse(await (await _client.PostAsync("/api/baskets", null)).Content.ReadAsStringAsync())!;
        Assert.Equal(System.Text.Json.JsonValueKind.Number, basket["count"]!.GetValueKind());
    }

    [Fact]
    public async Task Every_operation_documents_its_4xx_problems()
    {
        var document = await Document();

        foreach (var (path, method, operation) in Operations(document))
        {
            var statuses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
            Assert.Contains("400", statuses);
            if (path.Contains('{', StringComparison.Ordinal))
            {
                Assert.True(statuses.Contains("404"), $"{method} {path} names something but documents no 404");
            }
            if (method is "post" or "put" or "delete")
            {
                Assert.True(statuses.Contains("403"), $"{method} {path} is a write but documents no 403");
            }
            Assert.True(statuses.Any(s => s[0] is '2' or '3'), $"{method} {path} documents no success");
        }
        var search = Operations(document).Single(o => o.Path == "/api/search" && o.Method == "get").Operation;
        Assert.Contains("429", search["responses"]!.AsObject().Select(r => r.Key));
        Assert.Equal(["application/atom+xml", "application/json", "application/x-votable+xml", "text/csv"], search["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_import_body_is_described()
    {
        var import = Operations(await Document()).Single(o => o.Path == "/api/imports" && o.Method == "post").Operation;

        var body = import["requestBody"]!;
        Assert.True((bool)body["required"]!);
        Assert.Contains("JSON lines", (string)body["description"]!, StringComparison.Ordinal);
        Assert.Equal(["application/x-ndjson", "text/csv"], body["content"]!.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Contains("413", import["responses"]!.AsObject().Select(r => r.Key));
    }

    [Fact]
    public async Task The_reference_page_runs_only_the_portals_own_scripts_under_its_nonce()
    {
        var response = await _client.GetAsync("/api/docs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s, StringComparison.Ordinal));
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        // Every other answer keeps the strict policy.
        var search = await _client.GetAsync("/api/search?q=crab");
        Assert.DoesNotContain("nonce", search.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
