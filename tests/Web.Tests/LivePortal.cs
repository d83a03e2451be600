using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.SearchApi;
using Microsoft.AspNetCore.Builder;

namespace DiscoveryPortal.Web.Tests;

/// <summary>The real portal on a loopback port chosen at start, on a catalogue in a given folder, for clients in their own process (browsers, Python).</summary>
public static class LivePortal
{
    public static async Task<WebApplication> StartAsync(string directory, bool seed, params string[] settings)
    {
        var root = DataRoot.Locate(AppContext.BaseDirectory);
        var app = Program.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={Path.Combine(root, "Web")}",
            $"--Catalog:Path={Path.Combine(directory, "catalog.db")}",
            $"--Catalog:SeedOnStart={(seed ? "true" : "false")}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ]);
        await app.SeedCatalogAsync();
        await app.StartAsync();
        app.Configuration["Portal:PublicUrl"] = app.Urls.First(); // the port was chosen at start
        return app;
    }
}
