using System.Net;
using System.Net.Http.Headers;

namespace DiscoveryPortal.SearchApi.Tests.OpenApi;

/// <summary>What HTTP clients and caches rely on: cross-origin reading, compression, and validators on assets.</summary>
public sealed class HttpBehaviourTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _client = api.CreateClient();

    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await _client.SendAsync(request);
    }

    [Theory]
    [InlineData("/api/search?q=crab")]
    [InlineData("/api/resolve?name=M51")]
    [InlineData("/vo/scs?RA=10&DEC=41&SR=1")]
    [InlineData("/openapi/v1.json")]
    public async Task Read_only_routes_may_be_read_from_any_origin(string url)
    {
        var response = await Send(HttpMethod.Get, url, ("Origin", "https://notebooks.example.org"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));

        var preflight = await Send(HttpMethod.Options, url, ("Origin", "https://notebooks.example.org"), ("Access-Control-Request-Method", "GET"));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Contains("GET", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_and_per_browser_routes_are_not_opened_to_other_origins()
    {
        var created = await Send(HttpMethod.Post, "/api/baskets", ("Origin", "https://notebooks.example.org"));
        Assert.False(created.Headers.Contains("Access-Control-Allow-Origin"));

        var preflight = await Send(HttpMethod.Options, "/api/search?q=crab", ("Origin", "https://notebooks.example.org"), ("Access-Control-Request-Method", "POST"));
        Assert.False(preflight.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) && methods.Single().Contains("POST", StringComparison.Ordinal));
        var launches = await Send(HttpMethod.Get, "/api/launches", ("Origin", "https://notebooks.example.org"));
        Assert.False(launches.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("br", "/api/search?q=crab&size=50")]
    [InlineData("gzip", "/api/search?q=crab&size=50&format=votable")]
    [InlineData("gzip", "/openapi/v1.json")]
    public async Task Answers_are_compressed_as_the_client_accepts(string encoding, string url)
    {
        var plain = await Send(HttpMethod.Get, url);
        var packed = await Send(HttpMethod.Get, url, ("Accept-Encoding", encoding));

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(encoding, packed.Content.Headers.ContentEncoding.Single());
        Assert.True((await packed.Content.ReadAsByteArrayAsync()).Length < (await plain.Content.ReadAsByteArrayAsync()).Length / 2);
    }

    [Fact]
    public async Task An_asset_carries_validators_and_answers_304_while_they_hold()
    {
        var found = await Send(HttpMethod.Get, "/api/search?size=3&q=crab");
        var ids = System.Text.Json.Nodes.JsonNode.Parse(await found.Content.ReadAsStringAsync())!["hits"]!.AsArray().Select(h => (string)h!["id"]!).ToList();
        var asset = "/api/assets/" + Uri.EscapeDataString(ids[0]);
        var first = await Send(HttpMethod.Get, asset);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag!;
        var modified = first.Content.Headers.LastModified!.Value;
        Assert.InRange(modified, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.Equal(HttpStatusCode.NotModified, (await Send(HttpMethod.Get, asset, ("If-None-Match", tag.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await Send(HttpMethod.Get, asset, ("If-Modified-Since", modified.ToString("R")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, asset, ("If-None-Match", "\"another\""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, asset, ("If-Modified-Since", modified.AddSeconds(-1).ToString("R")))).StatusCode);

        var tags = new HashSet<EntityTagHeaderValue>();
        foreach (var id in ids)
        {
            tags.Add((await Send(HttpMethod.Get, "/api/assets/" + Uri.EscapeDataString(id))).Headers.ETag!);
        }
        Assert.Equal(ids.Count, tags.Count);
    }
}
