using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Zenodo;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Bench;
using DiscoveryPortal.SearchApi.Tests.Harvest;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Curation;

/// <summary>
/// A record an archive team registers and one a harvest brings with the same DOI are one asset, under the
/// harvested id, whichever came first; the registered fields win, through later harvests too, and the asset
/// says where each field came from. Harvests are of the recorded Zenodo answers served on loopback.
/// </summary>
public sealed class CurationMergeTests : IAsyncLifetime
{
    private readonly HarvestHost _host = new();
    private RecordedSourceServer _server = null!;
    private HttpClient _team = null!;

    public async Task InitializeAsync()
    {
        _server = await RecordedSourceServer.StartAsync(TestPaths.DataSamples());
        var accounts = _host.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("zoe", "correct horse battery staple", Roles.Curator, ["team-z", "zen"]);
        var key = (await accounts.CreateKeyAsync("zoe", "tests", [Scopes.AssetsWrite], CancellationToken.None)).Secret;
        _team = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        _team.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public async Task DisposeAsync()
    {
        _team.Dispose();
        _host.Dispose();
        await _server.DisposeAsync();
    }

    private SourceFile Zenodo()
    {
        var sources = _host.Sources();
        sources.Sources.Add(new SourceDefinition { Id = "zen", Title = "Zenodo on loopback", Kind = ZenodoKind.Key, Url = _server.ZenodoUrl.ToString(), Options = new ZenodoOptions { Community = "phlorest" }, PageSize = 10 });
        return sources;
    }

    private async Task<JsonObject> AssetAsync(string id)
    {
        using var client = _host.CreateClient();
        return (await client.GetFromJsonAsync<JsonObject>($"/api/assets/{Uri.EscapeDataString(id)}"))!;
    }

    /// <summary>The harvested assets that have a DOI, with it.</summary>
    private async Task<List<(string Id, string Doi)>> HarvestedDoisAsync()
    {
        var ids = (await _host.SearchAsync("source=zen&size=50"))["hits"]!.AsArray().Select(h => (string)h!["id"]!).ToList();
        var result = new List<(string, string)>();
        foreach (var id in ids)
        {
            if ((string?)(await AssetAsync(id))["record"]!["doi"] is { } doi)
            {
                result.Add((id, doi));
            }
        }
        return result;
    }

    private static object Registration(string nativeId, string title, string doi) => new
    {
        id = $"team-z:{nativeId}",
        sourceId = "team-z",
        title,
        description = "Curated by the team that made it.",
        domain = "Multidisciplinary",
        keywords = new[] { "curated-keyword" },
        doi,
    };

    [Fact]
    public async Task A_registration_with_a_harvested_DOI_becomes_curated_fields_of_that_asset_and_survives_reharvests()
    {
        Assert.Equal("completed", (await _host.HarvestAsync("zen", Zenodo())).Status);
        var (harvestedId, doi) = (await HarvestedDoisAsync()).First();
        var harvestedTitle = (string)(await AssetAsync(harvestedId))["record"]!["title"]!;

        var created = await _team.PostAsJsonAsync("/api/assets", Registration("one", "Team-curated title of the dataset", "https://doi.org/" + doi.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/assets/{Uri.EscapeDataString(harvestedId)}", created.Headers.Location!.OriginalString);

        var found = await _host.SearchAsync("q=%22Team-curated%20title%22");
        Assert.Equal(harvestedId, (string)Assert.Single(found["hits"]!.AsArray())!["id"]!);
        Assert.Equal(0, (long)(await _host.SearchAsync("source=team-z"))["total"]!);
        var asset = await AssetAsync(harvestedId);
        Assert.Equal("Team-curated title of the dataset", (string)asset["record"]!["title"]!);
        Assert.Equal("zen", (string)asset["record"]!["sourceId"]!);
        var provenance = asset["provenance"]!;
        Assert.Equal("team-z:one", (string)provenance["registeredId"]!);
        Assert.Equal("zoe", (string)provenance["curatedBy"]!);
        var curated = provenance["curatedFields"]!.AsArray().Select(f => (string)f!).ToList();
        Assert.Contains("title", curated);
        Assert.Contains("keywords", curated);
        Assert.DoesNotContain("authors", curated); // the team gave none: Zenodo's stay
        Assert.NotEmpty(asset["record"]!["authors"]!.AsArray());

        // The registered id leads to the one asset.
        var moved = await _team.GetAsync("/api/assets/team-z%3Aone");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        // A full re-harvest brings Zenodo's title again; the team's wins.
        Assert.Equal("completed", (await _host.HarvestAsync("zen", Zenodo(), full: true)).Status);
        Assert.Equal("Team-curated title of the dataset", (string)(await AssetAsync(harvestedId))["record"]!["title"]!);

        // Taking the registration back leaves the harvested record as its source gave it.
        Assert.Equal(HttpStatusCode.NoContent, (await _team.DeleteAsync("/api/assets/team-z%3Aone")).StatusCode);
        Assert.Equal(harvestedTitle, (string)(await AssetAsync(harvestedId))["record"]!["title"]!);
        Assert.Equal(0, (long)(await _host.SearchAsync("q=%22Team-curated%20title%22"))["total"]!);
    }

    [Fact]
    public async Task A_registered_record_is_absorbed_by_the_harvested_twin_that_comes_later()
    {
        // Learn a DOI from a harvest in a separate catalogue, so this one holds only the registration.
        string doi;
        using (var other = new HarvestHost())
        {
            var sources = other.Sources();
            sources.Sources.Add(new SourceDefinition { Id = "zen", Title = "Zenodo", Kind = ZenodoKind.Key, Url = _server.ZenodoUrl.ToString(), Options = new ZenodoOptions { Community = "phlorest" }, PageSize = 10 });
            await other.HarvestAsync("zen", sources);
            var id = (string)(await other.SearchAsync("source=zen"))["hits"]![0]!["id"]!;
            using var client = other.CreateClient();
            doi = (string)(await client.GetFromJsonAsync<JsonObject>($"/api/assets/{Uri.EscapeDataString(id)}"))!["record"]!["doi"]!;
        }
        Assert.Equal(HttpStatusCode.Created, (await _team.PostAsJsonAsync("/api/assets", Registration("early", "Registered before the harvest", doi))).StatusCode);
        Assert.Equal(1, (long)(await _host.SearchAsync("source=team-z"))["total"]!);

        Assert.Equal("completed", (await _host.HarvestAsync("zen", Zenodo())).Status);
        var hits = (await _host.SearchAsync("q=%22Registered%20before%20the%20harvest%22"))["hits"]!.AsArray();
        var merged = (string)Assert.Single(hits)!["id"]!;
        Assert.StartsWith("zen:", merged, StringComparison.Ordinal);
        Assert.Equal(0, (long)(await _host.SearchAsync("source=team-z"))["total"]!); // the stand-alone registration is withdrawn
        Assert.Equal("harvested from zen", FieldOrigin(await AssetAsync(merged), "authors"));
        Assert.Equal(HttpStatusCode.Conflict, (await _team.PostAsJsonAsync("/api/assets", Registration("again", "A second registration of it", doi))).StatusCode);
    }

    [Fact]
    public async Task A_registration_under_a_harvested_id_lies_over_that_record_and_survives_reharvests()
    {
        Assert.Equal("completed", (await _host.HarvestAsync("zen", Zenodo())).Status);
        var (id, doi) = (await HarvestedDoisAsync()).First();
        var record = new { id, sourceId = "zen", title = "Corrected by the team", description = "The team's own account of it.", domain = "Multidisciplinary", doi };
        var created = await _team.PostAsJsonAsync("/api/assets", record);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _team.PostAsJsonAsync("/api/assets", record)).StatusCode); // registered once; PUT corrects it

        Assert.Equal("completed", (await _host.HarvestAsync("zen", Zenodo(), full: true)).Status);
        var asset = await AssetAsync(id);
        Assert.Equal("Corrected by the team", (string)asset["record"]!["title"]!);
        Assert.NotEmpty(asset["record"]!["authors"]!.AsArray());
        Assert.True((bool)asset["provenance"]!["harvested"]!);
        Assert.Equal(1, (long)(await _host.SearchAsync("q=%22Corrected%20by%20the%20team%22"))["total"]!);

        var corrected = await _team.PutAsJsonAsync($"/api/assets/{Uri.EscapeDataString(id)}", record with { title = "Corrected twice by the team" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("Corrected twice by the team", (string)(await AssetAsync(id))["record"]!["title"]!);
    }

    private static string FieldOrigin(JsonObject asset, string field) =>
        asset["provenance"]!["curatedFields"]!.AsArray().Any(f => (string)f! == field) ? "curated" : $"harvested from {(string)asset["provenance"]!["source"]!}";
}
