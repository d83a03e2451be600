using System.CommandLine;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary><c>seed</c>: fills an empty catalogue from data-samples/seed, as the portal does on first start.</summary>
internal static class SeedCommand
{
    public static Command Build()
    {
        var catalog = new Option<string?>("--catalog") { Description = "Catalogue database file." };
        var command = new Command("seed", "Seed an empty catalogue from data-samples/seed.") { catalog };
        command.SetAction(async (result, ct) =>
        {
            using var services = IndexerHost.Build(result.GetValue(catalog));
            var paths = services.GetRequiredService<ResolvedPaths>();
            var report = await services.GetRequiredService<CatalogSeeder>().SeedIfEmptyAsync(paths.SeedDirectory, Console.WriteLine, ct);
            Console.WriteLine(report is null ? "The catalogue already holds records; nothing seeded." : $"Seeded: {report}");
            return ExitCodes.Done;
        });
        return command;
    }
}
