using System.CommandLine;
using System.Diagnostics;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Search.Lucene;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary><c>reindex</c>: rebuilds the search index from the catalogue, the source of truth.</summary>
internal static class ReindexCommand
{
    public static Command Build()
    {
        var catalog = new Option<string?>("--catalog") { Description = "Catalogue database file." };
        var command = new Command("reindex", "Rebuild the search index from the catalogue.") { catalog };
        command.SetAction(async (result, ct) =>
        {
            using var services = IndexerHost.Build(result.GetValue(catalog));
            var index = services.GetRequiredService<LuceneSearchIndex>();
            if (!index.Writable)
            {
                Console.Error.WriteLine($"Another process (a running portal?) holds the index at {index.Path}; it keeps the index up to date. Stop it to rebuild the index here.");
                return ExitCodes.Busy;
            }
            var watch = Stopwatch.StartNew();
            var position = await services.GetRequiredService<ICatalogStore>().PositionAsync(ct);
            await index.ResetAsync(position.CatalogId, ct);
            var applied = await services.GetRequiredService<IndexFollower>().CatchUpAsync(null, ct);
            index.Commit();
            Console.WriteLine($"Reindexed {index.LiveCount:N0} records ({applied:N0} catalogue changes) in {watch.Elapsed.TotalSeconds:F1} s into {index.Path}");
            return ExitCodes.Done;
        });
        return command;
    }
}
