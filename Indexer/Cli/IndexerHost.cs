using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary>Builds the same container the portal uses, for the command line.</summary>
internal static class IndexerHost
{
    /// <summary>
    /// The portal's own settings (<c>Web/appsettings.json</c>: the outbound allowlist among them) apply to
    /// the command line too, then <c>PORTAL_</c> environment variables, then what the command says.
    /// </summary>
    public static ServiceProvider Build(string? catalogPath, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddIndexer(Configuration(catalogPath, extra), Directory.GetCurrentDirectory());
        return services.BuildServiceProvider();
    }

    /// <summary>The catalogue and index paths a command with this <c>--catalog</c> uses, without opening either.</summary>
    public static ResolvedPaths Paths(string? catalogPath)
    {
        var options = new Catalog.CatalogOptions();
        Configuration(catalogPath, null).GetSection(Catalog.CatalogOptions.Section).Bind(options);
        return ResolvedPaths.From(Catalog.DataRoot.Locate(Directory.GetCurrentDirectory()), options);
    }

    private static IConfiguration Configuration(string? catalogPath, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>());
        if (catalogPath is not null)
        {
            settings["Catalog:Path"] = Path.GetFullPath(catalogPath);
        }
        var root = Catalog.DataRoot.Locate(Directory.GetCurrentDirectory());
        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "Web", "appsettings.json"), optional: true)
            .AddEnvironmentVariables("PORTAL_")
            .AddInMemoryCollection(settings)
            .Build();
    }
}
