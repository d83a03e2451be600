using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Search;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Hostile;

/// <summary>Inputs an outside probe found answered with a 500: each now gets a 4xx problem, or an answer.</summary>
public sealed class ServerErrorTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("end=9999-12-31")]
    [InlineData("end=9999-12")]
    [InlineData("end=9999")]
    [InlineData("start=9999-12-31&end=9999-12-31")]
    [InlineData("start=0001-01-01&end=9999")]
    public async Task The_last_period_a_date_can_name_ends_at_the_end_of_time(string query)
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync("/api/search?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("end=0000")]
    [InlineData("end=-1")]
    [InlineData("end=9999-13")]
    [InlineData("end=10000-01-01")]
    [InlineData("start=9999-12-31T23:59:59-14:00")]
    public async Task Dates_outside_the_calendar_are_a_problem_naming_the_parameter(string query)
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync("/api/search?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(body!["errors"]!.AsObject().ContainsKey(query.Split('=')[0]), body.ToJsonString());
    }

    [Fact]
    public async Task A_static_catalog_named_by_a_relative_path_is_refused_naming_the_url()
    {
        var accounts = api.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("probe-admin", "correct horse battery staple", Roles.Administrator, []);
        var key = (await accounts.CreateKeyAsync("probe-admin", "tests", [Scopes.SourcesWrite], CancellationToken.None)).Secret;
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var response = await client.PostAsJsonAsync("/api/sources/probe", new { id = "relative", kind = "stac-static", url = "catalogs/peps/catalog.json" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("url", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"assetIds\": [", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"assetIds\": 5}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("assetIds=a", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_body_that_does_not_bind_is_a_problem_naming_the_parameter(string body, string contentType, HttpStatusCode expected)
    {
        using var client = api.CreateClient();
        var basket = await (await client.PostAsync("/api/baskets", null)).Content.ReadFromJsonAsync<JsonObject>();
        var response = await client.PostAsync($"/api/baskets/{basket!["id"]}/items", new StringContent(body, System.Text.Encoding.UTF8, contentType));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_failure_in_an_api_route_answers_a_problem_without_a_stack_trace()
    {
        using var failing = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ISearchIndex, FailingIndex>()));
        using var client = failing.CreateClient();

        var response = await client.GetAsync("/api/search?q=crab");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("traceId", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private sealed class FailingIndex : ISearchIndex
    {
        public IndexPosition Position => default;

        public Task<bool> ApplyAsync(IReadOnlyList<DiscoveryPortal.Indexer.Catalog.CatalogChange> changes, CancellationToken ct) => Task.FromResult(true);

        public Task ResetAsync(string catalogId, CancellationToken ct) => Task.CompletedTask;

        public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct) => throw new InvalidOperationException("secret detail of the index");
    }
}
