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
        var settings = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>());
        if (catalogPath is not null)
        {
            settings["Catalog:Path"] = Path.GetFullPath(catalogPath);
        }
        var root = Catalog.DataRoot.Locate(Directory.GetCurrentDirectory());
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "Web", "appsettings.json"), optional: true)
            .AddEnvironmentVariables("PORTAL_")
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddIndexer(configuration, Directory.GetCurrentDirectory());
        return services.BuildServiceProvider();
    }
}
