using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.SearchApi.Tests.Harvest;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Curation;

/// <summary>The record rules of an import hold for records registered and replaced through the API too.</summary>
public sealed class RecordRulesTests : IAsyncLifetime
{
    private readonly HarvestHost _host = new();
    private HttpClient _team = null!;

    public async Task InitializeAsync()
    {
        var accounts = _host.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("rita", "correct horse battery staple", Roles.Curator, ["team-r"]);
        _team = _host.CreateClient();
        _team.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await accounts.CreateKeyAsync("rita", "tests", [Scopes.AssetsWrite], CancellationToken.None)).Secret);
    }

    public Task DisposeAsync()
    {
        _team.Dispose();
        _host.Dispose();
        return Task.CompletedTask;
    }

    private static object Dataset(string id, string title, string description = "A dataset.", string[]? keywords = null) => new
    {
        id = $"team-r:{id}",
        sourceId = "team-r",
        title,
        description,
        domain = "Space Science",
        keywords = keywords ?? [],
        access = new[] { new { url = "https://data.example/file.fits" } },
    };

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"open\")", "A dataset.", "title")]
    [InlineData("Plain title", "@SUM(A1:A9)", "description")]
    [InlineData("Plain title", "-2+3+cmd|' /C calc'!A0", "description")]
    public async Task A_registration_that_starts_like_a_spreadsheet_formula_is_refused_as_an_import_row_is(string title, string description, string field)
    {
        var response = await _team.PostAsJsonAsync("/api/assets", Dataset("formula-" + field, title, description));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await response.Content.ReadFromJsonAsync<JsonObject>())!["problems"]!.AsArray();
        Assert.Contains(problems, p => (string)p!["field"]! == field && ((string)p["reason"]!).Contains("spreadsheet formula", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replacement_that_starts_like_a_formula_is_refused_and_the_record_kept()
    {
        Assert.Equal(HttpStatusCode.Created, (await _team.PostAsJsonAsync("/api/assets", Dataset("kept", "Kept title"))).StatusCode);

        var response = await _team.PutAsJsonAsync("/api/assets/team-r%3Akept", Dataset("kept", "Kept title", keywords: ["=cmd()"]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var stored = await _team.GetFromJsonAsync<JsonObject>("/api/assets/team-r%3Akept");
        Assert.Empty(stored!["record"]!["keywords"]!.AsArray());
    }

    [Fact]
    public async Task Negative_numbers_in_text_are_not_formulas()
    {
        Assert.Equal(HttpStatusCode.Created, (await _team.PostAsJsonAsync("/api/assets", Dataset("negative", "Negative", keywords: ["-5.38183"]))).StatusCode);
    }

    [Fact]
    public async Task A_title_with_a_right_to_left_override_is_stored_without_it()
    {
        var created = await _team.PostAsJsonAsync("/api/assets", Dataset("bidi", "invoice\u202efdp.exe"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = await _team.GetFromJsonAsync<JsonObject>("/api/assets/team-r%3Abidi");
        Assert.Equal("invoicefdp.exe", (string)stored!["record"]!["title"]!);
        using var anonymous = _host.CreateClient();
        var found = await anonymous.GetFromJsonAsync<JsonObject>("/api/search?q=invoicefdp");
        Assert.Equal("invoicefdp.exe", (string)found!["hits"]![0]!["title"]!);
    }

    [Fact]
    public async Task An_id_with_bidirectional_controls_is_refused()
    {
        var response = await _team.PostAsJsonAsync("/api/assets", Dataset("gpj\u202e.exe", "Odd id"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bidirectional", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
