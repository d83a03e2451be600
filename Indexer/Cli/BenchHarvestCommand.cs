using System.CommandLine;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Indexer.Bench;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary>
/// <c>bench-harvest --copies N</c>: serves the recorded Zenodo, STAC, OpenSearch, CMR, OAI-PMH and CSW records, each repeated
/// N times under new ids, from a loopback HTTP server, harvests each through its connector into an
/// empty catalogue and prints records/s per connector.
/// </summary>
internal static class BenchHarvestCommand
{
    public static Command Build()
    {
        var copies = new Option<int>("--copies") { Description = "Times each recorded record is served (under new ids).", DefaultValueFactory = _ => 500 };
        var command = new Command("bench-harvest", "Measure the Zenodo, STAC API, OpenSearch, CMR, OAI-PMH and CSW connectors' harvest rates against a loopback server.") { copies };
        command.SetAction(async (result, ct) =>
        {
            var directory = Directory.CreateTempSubdirectory("portal-harvest-bench-").FullName;
            try
            {
                var dataSamples = Path.Combine(DataRoot.Locate(Directory.GetCurrentDirectory()), "data-samples");
                await using var server = await RecordedSourceServer.StartAsync(dataSamples, Math.Max(1, result.GetValue(copies)));
                server.OaiPageSize = 100; // as repositories page ListRecords
                // The server is on loopback, which harvests may reach only when allowed.
                using var services = IndexerHost.Build(Path.Combine(directory, "catalog.db"), new Dictionary<string, string?> { ["Outbound:Allow:0"] = $"127.0.0.1:{server.ZenodoUrl.Port}" });
                var harvester = services.GetRequiredService<SourceHarvester>();
                var sources = new SourceFile
                {
                    Sources =
                    [
                        new() { Id = "bench-zenodo", Title = "Zenodo", Kind = Connectors.Zenodo.ZenodoKind.Key, Url = server.ZenodoUrl.ToString(), PageSize = 25 },
                        new() { Id = "bench-stac", Title = "STAC API", Kind = Connectors.Stac.StacApiKind.Key, Url = server.StacUrl.ToString(), PageSize = 100 },
                        new() { Id = "bench-opensearch", Title = "OpenSearch", Kind = Connectors.OpenSearch.OpenSearchKind.Key, Url = server.OpenSearchUrl.ToString(), PageSize = 100 },
                        new() { Id = "bench-cmr-collections", Title = "CMR collections", Kind = Connectors.Cmr.CmrKind.Key, Url = server.CmrUrl.ToString(), PageSize = 500 },
                        new()
                        {
                            Id = "bench-cmr-granules", Title = "CMR granules", Kind = Connectors.Cmr.CmrKind.Key, Url = server.CmrUrl.ToString(), PageSize = 500,
                            Options = new Connectors.Cmr.CmrOptions { ConceptType = Connectors.Cmr.CmrOptions.Granules, Provider = "POCLOUD" },
                        },
                        new()
                        {
                            Id = "bench-oai-pmh", Title = "OAI-PMH (ivo_vor)", Kind = Connectors.OaiPmh.OaiPmhKind.Key, Url = server.OaiUrl.ToString(),
                            Options = new Connectors.OaiPmh.OaiPmhOptions { MetadataPrefix = Connectors.OaiPmh.OaiPmhOptions.VoResource },
                        },
                        new()
                        {
                            Id = "bench-oai-datacite", Title = "OAI-PMH (oai_datacite)", Kind = Connectors.OaiPmh.OaiPmhKind.Key, Url = server.OaiUrl.ToString(),
                            Options = new Connectors.OaiPmh.OaiPmhOptions { MetadataPrefix = Connectors.OaiPmh.OaiPmhOptions.DataCite },
                        },
                        new() { Id = "bench-csw", Title = "CSW (ISO 19139)", Kind = Connectors.Csw.CswKind.Key, Url = server.CswUrl.ToString(), PageSize = 100 },
                    ],
                };
                Console.WriteLine("| connector | records | pages | seconds | records/s |");
                Console.WriteLine("|---|---|---|---|---|");
                foreach (var source in sources.Sources)
                {
                    var run = await harvester.HarvestAsync(sources, source.Id, null, ct);
                    if (run.Status != "completed" || run.Failed > 0)
                    {
                        throw new InvalidOperationException(run.ToString());
                    }
                    var seconds = run.Duration.TotalSeconds;
                    Console.WriteLine($"| {source.Title} | {run.Added:N0} | {run.Pages:N0} | {seconds:F2} | {run.Added / seconds:N0} |");
                }
                return 0;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
        });
        return command;
    }
}
