using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary>Builds the same container the portal uses, for the command line.</summary>
internal static class IndexerHost
{
    public static ServiceProvider Build(string? catalogPath)
    {
        var settings = new Dictionary<string, string?>();
        if (catalogPath is not null)
        {
            settings["Catalog:Path"] = Path.GetFullPath(catalogPath);
        }
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("PORTAL_")
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddIndexer(configuration, Directory.GetCurrentDirectory());
        return services.BuildServiceProvider();
    }
}
