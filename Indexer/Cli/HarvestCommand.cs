using System.CommandLine;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary><c>harvest SOURCE</c>: harvests one source of the sources file into the catalogue.</summary>
internal static class HarvestCommand
{
    public static Command Build()
    {
        var sourceId = new Argument<string>("source") { Description = "The source's id in the sources file." };
        var config = new Option<FileInfo?>("--config") { Description = "The sources file (default: data-samples/sources.yaml)." };
        var catalog = new Option<string?>("--catalog") { Description = "Catalogue database file (default: App_Data/catalog.db in the clone)." };
        var full = new Option<bool>("--full") { Description = "Read everything, even where the source can say what changed." };
        var command = new Command("harvest", "Harvest one source (TAP ObsCore, RegTAP, Zenodo, STAC, OpenSearch, recorded responses) into the catalogue.") { sourceId, config, catalog, full };
        command.SetAction(async (result, ct) =>
        {
            using var services = IndexerHost.Build(result.GetValue(catalog));
            var harvester = services.GetRequiredService<SourceHarvester>();
            Connectors.Harvest.SourceFile sources;
            try
            {
                sources = harvester.LoadSources(result.GetValue(config)?.FullName);
                sources.Find(result.GetValue(sourceId)!);
            }
            catch (Exception e) when (e is FileNotFoundException or FormatException or KeyNotFoundException)
            {
                await Console.Error.WriteLineAsync($"harvest: {e.Message}");
                return ExitCodes.Usage;
            }
            var id = result.GetValue(sourceId)!;
            HarvestRun run = null!;
            try
            {
                if (Console.IsOutputRedirected)
                {
                    var progress = new Progress<HarvestProgress>(p => Console.WriteLine($"page {p.Pages}: {p.Rows} rows, last key {p.LastKey}"));
                    run = await harvester.HarvestAsync(sources, id, progress, ct, result.GetValue(full));
                }
                else
                {
                    await AnsiConsole.Progress().StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask($"Harvesting {id}", maxValue: double.NaN);
                        task.IsIndeterminate = true;
                        var progress = new Progress<HarvestProgress>(p => task.Description = $"Harvesting {id}: page {p.Pages}, {p.Rows} rows");
                        run = await harvester.HarvestAsync(sources, id, progress, ct, result.GetValue(full));
                        task.StopTask();
                    });
                }
            }
            catch (HarvestStoppedException e) when (CatalogFault.Of(e) is null)
            {
                // A connector's own failure is the run's, reported like the others; the catalogue's is said by the caller.
                run = e.Run;
            }
            foreach (var error in run.Errors.Take(20))
            {
                Console.WriteLine($"{error.Where}: {error.Reason}{(error.Sample.Length > 0 ? $"\n    sample: {error.Sample}" : "")}");
            }
            if (run.Errors.Count > 20)
            {
                Console.WriteLine($"... and {run.Errors.Count - 20} more errors");
            }
            Console.WriteLine(run.ToString());
            Console.WriteLine($"rate: {(run.Duration.TotalSeconds > 0 ? run.RowsRead / run.Duration.TotalSeconds : 0):F0} rows/s");
            return run.Status switch
            {
                "completed" => ExitCodes.Done,
                "cancelled" => ExitCodes.Cancelled,
                _ => ExitCodes.Problems,
            };
        });
        return command;
    }
}
