using DiscoveryPortal.Connectors.Files;
using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>
/// Fills an empty catalogue from the seed files in data-samples/seed and from the sources marked
/// <c>seed</c> in the sources file (recorded responses, harvested through their real connectors),
/// so a fresh clone has something to search.
/// </summary>
public sealed class CatalogSeeder(IngestionPipeline pipeline, ICatalogStore catalog, SourceHarvester harvester, ILogger<CatalogSeeder> logger)
{
    public async Task<IngestReport?> SeedIfEmptyAsync(string seedDirectory, Action<string> say, CancellationToken ct)
    {
        if (await catalog.CountAsync(ct) > 0)
        {
            return null;
        }
        if (!Directory.Exists(seedDirectory))
        {
            logger.LogWarning("No seed directory at {Directory}; the catalogue stays empty", seedDirectory);
            return null;
        }
        var files = Directory.EnumerateFiles(seedDirectory)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        var total = new IngestReport();
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            say($"Seeding the catalogue from {Path.GetFileName(file)} ...");
            var report = await pipeline.IngestAsync(RecordFileReader.Read(file, name), null, ct);
            say($"  {report}");
            foreach (var problem in report.Problems.Take(5))
            {
                say($"  {problem.Where}: {string.Join("; ", problem.Problems.Select(p => $"{p.Field} {p.Reason}"))}");
            }
            total.Added += report.Added;
            total.Updated += report.Updated;
            total.Unchanged += report.Unchanged;
            total.Problems.AddRange(report.Problems);
            total.Duration += report.Duration;
        }
        await SeedSourcesAsync(say, total, ct);
        return total;
    }

    private async Task SeedSourcesAsync(Action<string> say, IngestReport total, CancellationToken ct)
    {
        Connectors.Harvest.SourceFile sources;
        try
        {
            sources = harvester.LoadSources();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or FormatException)
        {
            logger.LogWarning("No seed sources: {Reason}", e.Message);
            return;
        }
        foreach (var source in sources.Sources.Where(s => s.Seed))
        {
            say($"Seeding the catalogue by harvesting {source.Id} ({source.Kind}) ...");
            var run = await harvester.HarvestAsync(sources, source.Id, null, ct);
            say($"  {run}");
            foreach (var error in run.Errors.Take(5))
            {
                say($"  {error.Where}: {error.Reason}");
            }
            total.Added += run.Added;
            total.Updated += run.Updated;
            total.Unchanged += run.Unchanged;
            total.Duration += run.Duration;
        }
    }
}
