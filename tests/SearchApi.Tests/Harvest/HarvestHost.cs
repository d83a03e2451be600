using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Harvest;

/// <summary>The API on an empty temporary catalogue, filled by harvests the test runs.</summary>
public sealed class HarvestHost(string? catalogPath = null, string outboundAllow = "127.0.0.1") : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-harvest-" + Guid.NewGuid().ToString("N"));

    public string CatalogPath => catalogPath ?? Path.Combine(_directory, "catalog.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Catalog:Path", CatalogPath);
        builder.UseSetting("Catalog:SeedOnStart", "false");
        // The suites run many searches from one in-process address; the search limit has its own tests.
        builder.UseSetting("SearchLimit:RequestsPerSecond", "10000");
        builder.UseSetting("SearchLimit:Burst", "100000");
        // The tests' peers are on loopback, which harvests may reach only when allowed.
        builder.UseSetting("Outbound:Allow:0", outboundAllow);
        builder.UseSetting("Harvest:CheckSeconds", CheckSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>How often the background harvester looks for due sources in this host.</summary>
    public int CheckSeconds { get; init; } = 60;

    public ICatalogStore Catalog => Services.GetRequiredService<ICatalogStore>();

    /// <summary>The shipped sources file, with one source's settings changed for the test.</summary>
    public SourceFile Sources(Action<SourceDefinition>? change = null, string id = "local-dachs")
    {
        var sources = Services.GetRequiredService<SourceHarvester>().LoadSources();
        change?.Invoke(sources.Find(id));
        return sources;
    }

    public Task<HarvestRun> HarvestAsync(string id = "local-dachs", SourceFile? sources = null, IProgress<HarvestProgress>? progress = null, CancellationToken ct = default, bool full = false) =>
        Services.GetRequiredService<SourceHarvester>().HarvestAsync(sources ?? Sources(), id, progress, ct, full,
            new RetryPolicy(Attempts: 3, FirstDelay: TimeSpan.FromMilliseconds(50), Timeout: TimeSpan.FromSeconds(30)));

    public async Task<JsonObject> SearchAsync(string query)
    {
        using var client = CreateClient();
        var response = await client.GetAsync("/api/search?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/api/search?{query}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static int FacetCount(JsonObject result, string dimension, string value) =>
        result["facets"]![dimension]!.AsArray().Where(v => (string?)v!["value"] == value).Select(v => (int)v!["count"]!).SingleOrDefault();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            TemporaryFolder.Delete(_directory);
        }
        catch (IOException)
        {
        }
    }
}
