using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Launch;

/// <summary>
/// From a search to a running session on the real local JupyterHub with the selected data in its
/// working folder: the portal runs on Kestrel (the hub fetches the manifest from it), the data files
/// are served by another loopback server, and the hub's pre-spawn hook downloads them.
/// </summary>
[Collection("hub")]
public sealed class JupyterHubLaunchTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-launch-").FullName;
    private readonly byte[] _image = RandomNumberGenerator.GetBytes(20_160);
    private readonly byte[] _table = RandomNumberGenerator.GetBytes(7_311);
    private Portal _portal = null!;
    private WebApplication _files = null!;
    private Uri _filesUrl = null!;

    private sealed class Portal(string directory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Catalog:Path", Path.Combine(directory, "catalog.db"));
            builder.UseSetting("Catalog:SeedOnStart", "false");
            builder.UseSetting("Catalog:Facilities", Path.Combine(directory, "facilities.yaml"));
        }
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _files = builder.Build();
        _files.MapGet("/data/m31-b.fits", () => Results.Bytes(_image, "application/fits"));
        _files.MapGet("/data/m31-spec.vot", () => Results.Bytes(_table, "application/x-votable+xml"));
        await _files.StartAsync();
        _filesUrl = new Uri(_files.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        // The local hub twice: as itself, and as a facility that says it offers a GPU (to check the GPU profile is asked for).
        await File.WriteAllTextAsync(Path.Combine(_directory, "facilities.yaml"), $"""
            facilities:
              - id: local-hub
                title: Local JupyterHub
                kind: jupyterhub
                url: {LocalHub.Url}
                tokenFile: {Path.Combine(LocalHub.State, "portal.token")}
              - id: local-gpu
                title: Local hub with a GPU profile
                kind: jupyterhub
                url: {LocalHub.Url}
                tokenFile: {Path.Combine(LocalHub.State, "portal.token")}
                gpus:
                  - type: test
                    count: 1
                gpuProfile: gpu-test
            """);
        _portal = new Portal(_directory);
        _portal.UseKestrel(0);
        _portal.StartServer();
        // The hub fetches manifests from the portal's public URL: the port Kestrel was given.
        var portalUrl = _portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _portal.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Portal:PublicUrl"] = portalUrl;
        var paths = _portal.Services.GetRequiredService<DiscoveryPortal.Indexer.ResolvedPaths>();
        await _portal.Services.GetRequiredService<CatalogSeeder>().SeedIfEmptyAsync(paths.SeedDirectory, _ => { }, CancellationToken.None);
        var report = await _portal.Services.GetRequiredService<IngestionPipeline>().IngestAsync(
        [
            new CatalogEntry(Observation("m31-b", "M31 in B, launch test image", ["image"], new AccessLink(new Uri(_filesUrl, "data/m31-b.fits").ToString(), "M31 B", "application/fits", _image.Length, "md5:" + Convert.ToHexStringLower(MD5.HashData(_image))))),
            new CatalogEntry(Observation("m31-spec", "M31 nucleus, launch test spectrum", ["spectrum"], new AccessLink(new Uri(_filesUrl, "data/m31-spec.vot").ToString(), "M31 spectrum", "application/x-votable+xml", _table.Length, null))),
        ], CancellationToken.None);
        Assert.Equal(2, report.Added);
    }

    public async Task DisposeAsync()
    {
        _portal.Dispose();
        await _files.StopAsync();
        await _files.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
    }

    private static AssetRecord Observation(string id, string title, IReadOnlyList<string> types, AccessLink access) => new()
    {
        Id = "launch-test:" + id,
        SourceId = "launch-test",
        Title = title,
        Mission = "HST",
        MissionFamily = "Astronomy",
        Instruments = ["WFC3"],
        AssetType = AssetType.Observation,
        ProductTypes = types,
        Formats = [access.Format!],
        Access = [access],
    };

    [HubFact]
    public async Task A_search_hit_launches_JupyterLab_on_the_local_hub_with_both_files_in_its_working_folder()
    {
        using var client = _portal.CreateClient();
        var found = await client.GetFromJsonAsync<JsonObject>("/api/search?q=launch%20test&source=launch-test");
        var ids = found!["hits"]!.AsArray().Select(h => (string)h!["id"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["launch-test:m31-b", "launch-test:m31-spec"], ids);

        var tools = await client.GetFromJsonAsync<JsonArray>("/api/assets/" + Uri.EscapeDataString(ids[0]) + "/tools");
        var jupyter = tools!.Single(t => (string)t!["toolId"]! == "portal-tools:jupyterlab")!;
        Assert.Contains(jupyter["facilities"]!.AsArray(), f => (string)f!["facilityId"]! == "local-hub");
        Assert.Contains("opens FITS images", (string)jupyter["reason"]!);
        var cuda = tools!.Single(t => (string)t!["toolId"]! == "portal-tools:jupyterlab-cuda")!;
        Assert.Equal(["local-gpu"], cuda["facilities"]!.AsArray().Select(f => (string)f!["facilityId"]!)); // only where a GPU is offered

        var watch = Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync("/api/launches", new { toolId = "portal-tools:jupyterlab", facilityId = "local-hub", assetIds = ids });
        watch.Stop();
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var launch = JsonNode.Parse(body)!;
        var user = (string)launch["user"]!; // this client's visitor: a launch runs as its owner
        var open = new Uri((string)launch["openUrl"]!);
        Assert.StartsWith($"{LocalHub.Url}/user/{user}/launch-", open.ToString());

        // The single-user server runs and answers with the user's token.
        using var hub = new HttpClient();
        var contents = await hub.GetAsync(new Uri(open.GetLeftPart(UriPartial.Path) + "api/contents" + open.Query));
        Assert.Equal(HttpStatusCode.OK, contents.StatusCode);
        var listing = JsonNode.Parse(await contents.Content.ReadAsStringAsync())!["content"]!.AsArray().Select(c => (string)c!["name"]!).ToList();
        Assert.Contains("m31-b.fits", listing);
        Assert.Contains("m31-spec.vot", listing);

        // Both files are in the session's working folder, byte for byte, with the manifest beside them.
        var server = open.AbsolutePath.TrimEnd('/').Split('/').Last();
        var folder = LocalHub.SessionFolder(user, server);
        Assert.Equal(_image, await File.ReadAllBytesAsync(Path.Combine(folder, "m31-b.fits")));
        Assert.Equal(_table, await File.ReadAllBytesAsync(Path.Combine(folder, "m31-spec.vot")));
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")))!;
        Assert.Equal(2, manifest["files"]!.AsArray().Count);

        // The manifest is kept, readable by its URL, and the launch is in the history.
        var kept = await client.GetFromJsonAsync<JsonObject>(new Uri((string)launch["manifestUrl"]!).PathAndQuery);
        Assert.Equal(ids, kept!["items"]!.AsArray().Select(i => (string)i!["id"]!).Order(StringComparer.Ordinal));
        var history = await client.GetFromJsonAsync<JsonArray>("/api/launches");
        Assert.Contains(history!, h => (string)h!["id"]! == (string)launch["launchId"]! && (string)h["status"]! == "started");
        Console.WriteLine($"launch: POST /api/launches to a ready session with 2 files in {watch.ElapsedMilliseconds} ms (hub ready after {(long)launch["readyMs"]!} ms)");
    }

    [HubFact]
    public async Task A_GPU_tool_asks_the_facility_for_its_GPU_profile()
    {
        using var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority)); // its second launch carries the visitor cookie the first gave it
        var response = await client.PostAsJsonAsync("/api/launches", new { toolId = "portal-tools:jupyterlab-cuda", facilityId = "local-gpu", assetIds = new[] { "launch-test:m31-b" } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var user = (string)JsonNode.Parse(body)!["user"]!;
        var server = new Uri((string)JsonNode.Parse(body)!["openUrl"]!).AbsolutePath.TrimEnd('/').Split('/').Last();
        using var hub = new HttpClient();
        hub.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", LocalHub.Token);
        var state = JsonNode.Parse(await hub.GetStringAsync($"{LocalHub.Url}/hub/api/users/{user}"))!;
        Assert.Equal("gpu-test", (string)state["servers"]![server]!["user_options"]!["profile"]!);

        var refused = await client.PostAsJsonAsync("/api/launches", new { toolId = "portal-tools:jupyterlab-cuda", facilityId = "local-hub", assetIds = new[] { "launch-test:m31-b" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("needs a GPU and the facility offers none", await refused.Content.ReadAsStringAsync());
    }

    [HubFact]
    public async Task A_file_that_does_not_match_its_manifest_fails_the_launch_keeps_the_manifest_and_the_history_shows_it()
    {
        await _portal.Services.GetRequiredService<IngestionPipeline>().IngestAsync(
        [
            new CatalogEntry(Observation("bad", "M31 with a wrong size", ["image"], new AccessLink(new Uri(_filesUrl, "data/m31-b.fits").ToString(), "M31 B", "application/fits", 999, null))),
        ], CancellationToken.None);
        using var client = _portal.CreateClient();
        var response = await client.PostAsJsonAsync("/api/launches", new { toolId = "portal-tools:jupyterlab", facilityId = "local-hub", assetIds = new[] { "launch-test:bad" } });
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("refused to start the session", (string)problem["detail"]!);
        var manifest = await client.GetAsync(new Uri((string)problem["manifestUrl"]!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        var history = await client.GetFromJsonAsync<JsonArray>("/api/launches");
        Assert.Contains(history!, h => (string)h!["id"]! == (string)problem["launchId"]! && (string)h["status"]! == "failed");
    }
}
