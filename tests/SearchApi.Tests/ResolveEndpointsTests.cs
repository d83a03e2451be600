using System.Net;
using System.Text.Json.Nodes;

namespace DiscoveryPortal.SearchApi.Tests;

public class ResolveEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _client = api.CreateClient();

    private async Task<(HttpStatusCode Status, JsonObject Body)> Resolve(string query)
    {
        var response = await _client.GetAsync("/api/resolve" + query);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task Answers_an_objects_names_position_radius_and_origin()
    {
        var (status, body) = await Resolve("?name=" + Uri.EscapeDataString("Messier 51"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Whirlpool Galaxy", (string?)body["name"]);
        Assert.Contains("NGC 5194", body["names"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(202.4696, (double)body["ra"]!, 3);
        Assert.Equal(47.1952, (double)body["dec"]!, 3);
        Assert.True((double)body["radius"]! > 0);
        Assert.Equal("OpenNGC", (string?)body["origin"]);
    }

    [Fact]
    public async Task Resolves_curated_objects_by_their_short_names()
    {
        var (status, body) = await Resolve("?name=" + Uri.EscapeDataString("Sco X-1"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Scorpius X-1", (string?)body["name"]);
        Assert.StartsWith("curated: ", (string?)body["origin"]);
    }

    [Fact]
    public async Task An_unknown_name_is_a_404_problem_naming_it()
    {
        var (status, body) = await Resolve("?name=" + Uri.EscapeDataString("Nowhere Nebula 42"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Nowhere Nebula 42", (string?)body["detail"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?name=")]
    [InlineData("?name=%20%20")]
    public async Task A_missing_name_is_a_400_problem(string query)
    {
        var (status, body) = await Resolve(query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["title"]);
    }

    [Fact]
    public async Task A_name_over_200_characters_is_a_400_problem()
    {
        var (status, _) = await Resolve("?name=" + new string('M', 201));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
