using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.VoTable;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Launch;

/// <summary>Baskets through the API, their exports, and launches that cannot start (no live facility needed).</summary>
public sealed class BasketAndLaunchApiTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-basket-").FullName;
    private Api _api = null!;
    private HttpClient _client = null!;

    private sealed class Api(string directory) : WebApplicationFactory<Program>
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
        // A hub that is down: nothing listens on port 9 of loopback.
        await File.WriteAllTextAsync(Path.Combine(_directory, "facilities.yaml"), """
            facilities:
              - id: down-hub
                title: A hub that is down
                kind: jupyterhub
                url: http://127.0.0.1:9
                tokenEnv: PORTAL_TEST_NO_SUCH_TOKEN
              - id: binder
                title: Binder
                kind: binderhub
                url: https://mybinder.org
              - id: viewer
                title: Web viewer
                kind: url-template
                template: "https://viewer.example/open?manifest={manifestUrl}&first={accessUrl}&tool={toolId}"
            """);
        Environment.SetEnvironmentVariable("PORTAL_TEST_NO_SUCH_TOKEN", "not-a-real-token");
        _api = new Api(_directory);
        // A script's client: no cookie jar, so its writes need no Origin (a launch would give it a visitor cookie).
        _client = _api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var pipeline = _api.Services.GetRequiredService<IngestionPipeline>();
        await pipeline.IngestAsync(
        [
            new CatalogEntry(Asset("hst", "img", "HST image", "HST", ["image"], "application/fits", "https://archive.example/hst/img.fits")),
            new CatalogEntry(Asset("s2", "scene", "=HYPERLINK(\"https://evil.example\",\"click\")", "Sentinel-2", ["scene"], "image/tiff", "https://archive.example/s2/scene.tif")),
            new CatalogEntry(new AssetRecord
            {
                Id = "tools:lab", SourceId = "tools", Title = "Lab", AssetType = AssetType.Datalab,
                Tool = new ToolProfile { Launch = "jupyterhub", OpensProductTypes = ["image", "scene"], OpensFormats = ["application/fits", "image/tiff"] },
            }),
            new CatalogEntry(new AssetRecord
            {
                Id = "zen:notebooks", SourceId = "zen", Title = "FITS notebooks", AssetType = AssetType.Software,
                Details = new Dictionary<string, string> { ["code repository"] = "https://github.com/example-org/fits-notebooks/tree/v2" },
                Tool = new ToolProfile { Launch = "binderhub", OpensProductTypes = ["image"], OpensFormats = ["application/fits"] },
            }),
            new CatalogEntry(new AssetRecord
            {
                Id = "tools:viewer", SourceId = "tools", Title = "Viewer", AssetType = AssetType.Tool,
                Tool = new ToolProfile { Interface = "web", Launch = "url", OpensProductTypes = ["image"], OpensFormats = ["application/fits"] },
            }),
        ], CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _api.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
        return Task.CompletedTask;
    }

    private static AssetRecord Asset(string source, string id, string title, string mission, IReadOnlyList<string> types, string format, string url) => new()
    {
        Id = $"{source}:{id}",
        SourceId = source,
        Title = title,
        Mission = mission,
        AssetType = AssetType.Observation,
        ProductTypes = types,
        Formats = [format],
        Access = [new AccessLink(url, null, format, 1234, "md5:0123456789abcdef0123456789abcdef")],
        Sky = source == "hst" ? new SkyFootprint(10.68, 41.27, 0.1) : null,
    };

    private async Task<string> NewBasketAsync()
    {
        var created = await _client.PostAsync("/api/baskets", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
    }

    [Fact]
    public async Task A_basket_gathers_records_across_sources_and_exports_them()
    {
        var id = await NewBasketAsync();
        Assert.True(id.Length >= 22, "a basket id must be unguessable");
        var added = await _client.PostAsJsonAsync($"/api/baskets/{id}/items", new { assetIds = new[] { "hst:img", "s2:scene", "hst:img" } });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var basket = await _client.GetFromJsonAsync<JsonObject>($"/api/baskets/{id}");
        Assert.Equal(2, (int)basket!["count"]!);
        Assert.Equal(["hst:img", "s2:scene"], basket["items"]!.AsArray().Select(i => (string)i!["id"]!));

        var csv = await _client.GetStringAsync($"/api/baskets/{id}?format=csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,title,assetType,domain,mission,missionFamily,instruments,productTypes,formats,wavebands,sourceId,url,doi,published,time.start,time.end,sky.ra,sky.dec", lines[0]);
        Assert.EndsWith("access.url,access.format,access.sizeBytes", lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"'=HYPERLINK(", lines[2]); // a formula cell is neutralised, not executed by a spreadsheet

        var vot = await _client.GetStreamAsync($"/api/baskets/{id}?format=votable");
        var document = VoTableReader.ReadAll(vot);
        var (meta, rows) = document.Tables.Single();
        Assert.Equal(2, rows.Count);
        Assert.Equal("hst:img", (string?)rows[0][meta.IndexOf("id")]);
        Assert.Equal("https://archive.example/hst/img.fits", (string?)rows[0][meta.IndexOf("access.url")]);
        Assert.Equal(1234L, rows[0][meta.IndexOf("access.sizeBytes")]);
        Assert.Equal(10.68, rows[0][meta.IndexOf("sky.ra")]);
        Assert.Null(rows[1][meta.IndexOf("sky.ra")]);

        var removed = await _client.DeleteAsync($"/api/baskets/{id}/items/{Uri.EscapeDataString("hst:img")}");
        Assert.Equal(1, (int)JsonNode.Parse(await removed.Content.ReadAsStringAsync())!["count"]!);
    }

    [Fact]
    public async Task A_list_longer_than_a_basket_holds_is_refused_before_any_id_is_looked_up()
    {
        var id = await NewBasketAsync();
        var ids = Enumerable.Range(0, 300_000).Select(i => $"nowhere:{i}").ToArray();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var response = await _client.PostAsJsonAsync($"/api/baskets/{id}/items", new { assetIds = ids });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("at most 10,000 items; 300,000 were asked for", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Console.WriteLine($"basket: a list of 300,000 ids refused in {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Unknown_records_and_unknown_baskets_are_refused_and_change_nothing()
    {
        var id = await NewBasketAsync();
        var refused = await _client.PostAsJsonAsync($"/api/baskets/{id}/items", new { assetIds = new[] { "hst:img", "nowhere:x" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("'nowhere:x'", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, (int)(await _client.GetFromJsonAsync<JsonObject>($"/api/baskets/{id}"))!["count"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/baskets/guessed-id")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"/api/baskets/{id}?format=xlsx")).StatusCode);
    }

    [Fact]
    public async Task A_basket_holds_at_most_ten_thousand_records()
    {
        var many = Enumerable.Range(0, 10_001).Select(i => new CatalogEntry(new AssetRecord { Id = $"bulk:{i:D5}", SourceId = "bulk", Title = $"Bulk {i}" })).ToList();
        await _api.Services.GetRequiredService<IngestionPipeline>().IngestAsync(many, CancellationToken.None);
        var id = await NewBasketAsync();
        var full = await _client.PostAsJsonAsync($"/api/baskets/{id}/items", new { assetIds = many.Take(10_000).Select(e => e.Record.Id) });
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        var over = await _client.PostAsJsonAsync($"/api/baskets/{id}/items", new { assetIds = new[] { many[^1].Record.Id } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Contains("at most 10,000", await over.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_facility_that_is_down_fails_the_launch_with_the_reason_and_the_manifest_is_kept_for_a_retry()
    {
        var id = await NewBasketAsync();
        await _client.PostAsJsonAsync($"/api/baskets/{id}/items", new { assetIds = new[] { "hst:img", "s2:scene" } });
        var tools = await _client.GetFromJsonAsync<JsonArray>("/api/assets/hst%3Aimg/tools");
        var lab = tools!.Single(t => (string)t!["toolId"]! == "tools:lab")!;
        Assert.Equal("down-hub", (string)lab["facilities"]![0]!["facilityId"]!);
        Assert.Equal(["tools:lab", "tools:viewer", "zen:notebooks"], tools!.Select(t => (string)t!["toolId"]!).Order(StringComparer.Ordinal));

        // A browser's client: the launch is its visitor's, and so is the history that shows it.
        using var browser = _api.CreateClient();
        browser.DefaultRequestHeaders.Add("Origin", "http://localhost");
        var response = await browser.PostAsJsonAsync("/api/launches", new { toolId = "tools:lab", facilityId = "down-hub", basketId = id });
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("does not answer", (string)problem["detail"]!);
        var manifest = await _client.GetFromJsonAsync<JsonObject>(new Uri((string)problem["manifestUrl"]!).PathAndQuery);
        Assert.Equal(["hst:img", "s2:scene"], manifest!["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Equal("md5:0123456789abcdef0123456789abcdef", (string)manifest["files"]![0]!["checksum"]!);
        var history = await browser.GetFromJsonAsync<JsonArray>($"/api/launches?manifest={(string)manifest["id"]!}");
        Assert.Equal("failed", (string)history!.Single()!["status"]!);
    }

    [Fact]
    public async Task Binder_and_url_template_launches_answer_with_the_url_to_open_and_keep_the_manifest()
    {
        var binder = await _client.PostAsJsonAsync("/api/launches", new { toolId = "zen:notebooks", facilityId = "binder", assetIds = new[] { "hst:img" } });
        Assert.Equal(HttpStatusCode.Created, binder.StatusCode);
        var launch = JsonNode.Parse(await binder.Content.ReadAsStringAsync())!;
        var open = new Uri((string)launch["openUrl"]!);
        Assert.Equal("https://mybinder.org/v2/gh/example-org/fits-notebooks/v2", open.GetLeftPart(UriPartial.Path));
        Assert.Equal("lab?manifest=" + Uri.EscapeDataString((string)launch["manifestUrl"]!), Uri.UnescapeDataString(open.Query["?urlpath=".Length..]));

        var viewer = await _client.PostAsJsonAsync("/api/launches", new { toolId = "tools:viewer", facilityId = "viewer", assetIds = new[] { "hst:img" } });
        var viewed = JsonNode.Parse(await viewer.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Created, viewer.StatusCode);
        Assert.Equal($"https://viewer.example/open?manifest={Uri.EscapeDataString((string)viewed["manifestUrl"]!)}&first={Uri.EscapeDataString("https://archive.example/hst/img.fits")}&tool=tools%3Aviewer",
            (string)viewed["openUrl"]!);
    }

    [Fact]
    public async Task Launches_that_cannot_be_made_say_why()
    {
        async Task<(HttpStatusCode, string)> Launch(object body)
        {
            var r = await _client.PostAsJsonAsync("/api/launches", body);
            return (r.StatusCode, await r.Content.ReadAsStringAsync());
        }
        var (status, body) = await Launch(new { toolId = "tools:lab", facilityId = "binder", assetIds = new[] { "hst:img" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("Binder cannot run Lab", body);
        (status, body) = await Launch(new { toolId = "tools:lab", facilityId = "nowhere", assetIds = new[] { "hst:img" } });
        Assert.Equal((HttpStatusCode.NotFound, true), (status, body.Contains("no facility 'nowhere'")));
        (status, _) = await Launch(new { toolId = "tools:lab", facilityId = "down-hub" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, body) = await Launch(new { toolId = "tools:lab", facilityId = "down-hub", assetIds = new[] { "hst:img" }, user = "Robert'); DROP" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("user is not taken from the body", body);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/manifests/not-a-manifest")).StatusCode);
    }

    [Fact]
    public async Task Launch_history_belongs_to_the_browser_or_account_that_launched()
    {
        using var mine = _api.CreateClient();
        using var theirs = _api.CreateClient();
        var made = await mine.PostAsJsonAsync("/api/launches", new { toolId = "zen:notebooks", facilityId = "binder", assetIds = new[] { "hst:img" } });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var launch = JsonNode.Parse(await made.Content.ReadAsStringAsync())!;
        Assert.Matches("^v[0-9a-f]{12}$", (string)launch["user"]!);
        var manifestId = new Uri((string)launch["manifestUrl"]!).Segments[^1];

        var own = await mine.GetFromJsonAsync<JsonArray>("/api/launches");
        Assert.Contains(own!, l => (string)l!["id"]! == (string)launch["launchId"]!);
        Assert.All(own!, l => Assert.Equal((string)launch["user"]!, (string)l!["user"]!));

        // Another browser, or a caller with no cookie at all, sees none of them, even by manifest.
        Assert.Empty((await theirs.GetFromJsonAsync<JsonArray>("/api/launches"))!);
        Assert.Empty((await theirs.GetFromJsonAsync<JsonArray>($"/api/launches?manifest={manifestId}"))!);
        using var anonymous = _api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        Assert.Empty((await anonymous.GetFromJsonAsync<JsonArray>("/api/launches"))!);
    }

    [Fact]
    public async Task A_signed_in_account_launches_as_itself()
    {
        var accounts = _api.Services.GetRequiredService<DiscoveryPortal.Indexer.Accounts.AccountService>();
        await accounts.CreateAsync("lena", "correct horse battery staple", DiscoveryPortal.Indexer.Accounts.Roles.Curator);
        var key = (await accounts.CreateKeyAsync("lena", "tests", [DiscoveryPortal.Indexer.Accounts.Scopes.AssetsWrite], CancellationToken.None)).Secret;
        using var lena = _api.CreateClient();
        lena.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        var made = await lena.PostAsJsonAsync("/api/launches", new { toolId = "zen:notebooks", facilityId = "binder", assetIds = new[] { "hst:img" } });

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal("lena", (string)JsonNode.Parse(await made.Content.ReadAsStringAsync())!["user"]!);
        Assert.Equal("lena", (string)(await lena.GetFromJsonAsync<JsonArray>("/api/launches"))!.Single()!["user"]!);
        await Assert.ThrowsAsync<DiscoveryPortal.Indexer.Accounts.AccountException>(() => accounts.CreateAsync("v0123456789ab", "correct horse battery staple", DiscoveryPortal.Indexer.Accounts.Roles.Researcher));
    }

    [Fact]
    public async Task Manifest_urls_are_built_on_the_public_url_and_foreign_hosts_are_refused()
    {
        using var configured = _api.WithWebHostBuilder(b => b.UseSetting("Portal:PublicUrl", "https://portal.example/discovery"));
        using var client = configured.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/launches") { Content = JsonContent.Create(new { toolId = "zen:notebooks", facilityId = "binder", assetIds = new[] { "hst:img" } }) };
        forged.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(forged)).StatusCode);

        using var named = new HttpRequestMessage(HttpMethod.Post, "/api/launches") { Content = JsonContent.Create(new { toolId = "zen:notebooks", facilityId = "binder", assetIds = new[] { "hst:img" } }) };
        named.Headers.Host = "portal.example";
        var launched = await client.SendAsync(named);
        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        var launch = JsonNode.Parse(await launched.Content.ReadAsStringAsync())!;
        Assert.StartsWith("https://portal.example/discovery/api/manifests/", (string)launch["manifestUrl"]!);
        Assert.Contains("portal.example", (string)launch["openUrl"]!, StringComparison.Ordinal); // handed to the hub
        Assert.DoesNotContain("evil.example", (string)launch["openUrl"]!, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=hst")).StatusCode); // localhost, as the tests call it
    }
}
