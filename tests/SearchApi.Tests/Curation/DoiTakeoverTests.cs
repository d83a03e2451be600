using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.SearchApi.Tests.Harvest;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Curation;

/// <summary>
/// A registration merges into the asset its id or DOI names only when its curator may curate that asset:
/// a curator of one source cannot lay their fields over another source's record by giving its DOI.
/// </summary>
public sealed class DoiTakeoverTests : IAsyncLifetime
{
    private const string TheirDoi = "10.5555/archive-b.one";
    private const string TheirTitle = "Archive B's own title";
    private readonly HarvestHost _host = new();
    private HttpClient _amy = null!;
    private HttpClient _both = null!;

    public async Task InitializeAsync()
    {
        var accounts = _host.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("amy", "correct horse battery staple", Roles.Curator, ["team-a"]);
        await accounts.CreateAsync("bea", "correct horse battery staple", Roles.Curator, ["team-a", "arch-b"]);
        _amy = Client((await accounts.CreateKeyAsync("amy", "tests", [Scopes.AssetsWrite], CancellationToken.None)).Secret);
        _both = Client((await accounts.CreateKeyAsync("bea", "tests", [Scopes.AssetsWrite], CancellationToken.None)).Secret);
        await HarvestAsync("one", TheirTitle, TheirDoi);
    }

    public Task DisposeAsync()
    {
        _amy.Dispose();
        _both.Dispose();
        _host.Dispose();
        return Task.CompletedTask;
    }

    private HttpClient Client(string key)
    {
        var client = _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A record of source arch-b as a harvest stores it.</summary>
    private async Task HarvestAsync(string nativeId, string title, string doi)
    {
        var record = new AssetRecord { Id = $"arch-b:{nativeId}", SourceId = "arch-b", Title = title, Description = "As the archive gave it.", Doi = doi };
        var report = await _host.Services.GetRequiredService<IngestionPipeline>().IngestAsync([new CatalogEntry(record)], CancellationToken.None);
        Assert.Equal(1, report.Added);
    }

    private static object Registration(string nativeId, string? doi) => new
    {
        id = $"team-a:{nativeId}",
        sourceId = "team-a",
        title = "Team A's title",
        description = "Registered by team A.",
        domain = "Space Science",
        doi,
    };

    private async Task<string> TitleOfAsync(string id) =>
        (string)(await _amy.GetFromJsonAsync<JsonObject>($"/api/assets/{Uri.EscapeDataString(id)}"))!["record"]!["title"]!;

    [Fact]
    public async Task A_registration_with_the_DOI_of_another_sources_record_is_refused_with_403_and_merges_nothing()
    {
        var response = await _amy.PostAsJsonAsync("/api/assets", Registration("takeover", "https://doi.org/" + TheirDoi.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var detail = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!;
        Assert.Contains("arch-b:one", detail, StringComparison.Ordinal);
        Assert.Contains("amy does not curate", detail, StringComparison.Ordinal);
        Assert.Equal(TheirTitle, await TitleOfAsync("arch-b:one"));
        Assert.Equal(HttpStatusCode.NotFound, (await _amy.GetAsync("/api/assets/team-a%3Atakeover")).StatusCode);
    }

    [Fact]
    public async Task A_correction_that_adds_the_DOI_of_another_sources_record_is_refused()
    {
        Assert.Equal(HttpStatusCode.Created, (await _amy.PostAsJsonAsync("/api/assets", Registration("later", null))).StatusCode);

        var response = await _amy.PutAsJsonAsync("/api/assets/team-a%3Alater", Registration("later", TheirDoi));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(TheirTitle, await TitleOfAsync("arch-b:one"));
    }

    [Fact]
    public async Task An_import_row_with_the_DOI_of_another_sources_record_is_a_row_problem()
    {
        var csv = "id,title,domain,doi\nmine,My own,Space Science,\ntheirs,Team A's title,Space Science," + TheirDoi + "\n";
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var response = await _amy.PostAsync("/api/imports?mode=valid&format=csv&source=team-a", content);

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(1, (int)body["valid"]!);
        var problem = Assert.Single(body["problems"]!.AsArray());
        Assert.Equal(3, (int)problem!["row"]!);
        Assert.Equal("doi", (string)problem["column"]!);
        Assert.Contains("arch-b:one", (string)problem["reason"]!, StringComparison.Ordinal);
        Assert.Equal(TheirTitle, await TitleOfAsync("arch-b:one"));
        Assert.Equal("My own", await TitleOfAsync("team-a:mine"));
    }

    [Fact]
    public async Task A_curator_of_both_sources_may_merge()
    {
        await HarvestAsync("two", "Second of B", "10.5555/archive-b.two");

        var response = await _both.PostAsJsonAsync("/api/assets", Registration("merge", "10.5555/archive-b.two"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Team A's title", await TitleOfAsync("arch-b:two"));
    }

    [Fact]
    public async Task A_registration_stays_apart_from_a_later_harvested_record_of_a_source_its_curator_does_not_curate()
    {
        Assert.Equal(HttpStatusCode.Created, (await _amy.PostAsJsonAsync("/api/assets", Registration("first", "10.5555/archive-b.three"))).StatusCode);

        await HarvestAsync("three", "Third of B", "10.5555/archive-b.three");

        Assert.Equal("Third of B", await TitleOfAsync("arch-b:three"));
        Assert.Equal(HttpStatusCode.OK, (await _amy.GetAsync("/api/assets/team-a%3Afirst")).StatusCode);
        Assert.Equal("Team A's title", await TitleOfAsync("team-a:first"));
    }
}
