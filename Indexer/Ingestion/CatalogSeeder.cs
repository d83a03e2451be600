using DiscoveryPortal.Connectors.Files;
using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>Fills an empty catalogue from the seed files in data-samples/seed, so a fresh clone has something to search.</summary>
public sealed class CatalogSeeder(IngestionPipeline pipeline, ICatalogStore catalog, ILogger<CatalogSeeder> logger)
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
        return total;
    }
}
