using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Bench;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Search.Lucene;
using DiscoveryPortal.Indexer.Search.Query;
using DiscoveryPortal.Indexer.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary>
/// <c>bench --records N</c>: builds an index of generated records in a temporary file and prints build
/// rate, index size, query latencies and peak memory as a Markdown table.
/// </summary>
internal static class BenchCommand
{
    private static readonly string[] CountedFacets =
        [FacetDimensions.Mission, FacetDimensions.Instrument, FacetDimensions.AssetType, FacetDimensions.ProductType];

    private const int WarmUpRuns = 60;

    // The engine's own speed: repeated queries are not answered from the cache of answers.
    private static readonly Dictionary<string, string?> EngineOnly = new() { [$"{SearchOptions.Section}:{nameof(SearchOptions.CachedAnswers)}"] = "0" };

    public static Command Build()
    {
        var records = new Option<int>("--records") { Description = "How many records to generate.", DefaultValueFactory = _ => 100_000 };
        var runs = new Option<int>("--runs") { Description = "Runs per query kind.", DefaultValueFactory = _ => 40 };
        var keep = new Option<string?>("--keep") { Description = "Keep the built database at this path instead of a temporary file." };
        var queriesOnly = new Option<bool>("--queries-only") { Description = "Measure only the queries, on the catalogue and index already at --keep." };
        var kind = new Option<string?>("--query") { Description = "With --queries-only, measure only the query kinds whose name contains this (\"selective\", \"facets\")." };
        var command = new Command("bench", "Measure index build and query speed on generated records.") { records, runs, keep, queriesOnly, kind };
        command.SetAction(async (result, ct) =>
        {
            var count = result.GetValue(records);
            if (result.GetValue(keep) is { } kept)
            {
                if (result.GetValue(queriesOnly))
                {
                    if (!File.Exists(kept))
                    {
                        Console.Error.WriteLine($"No catalogue at {kept}: build one first with bench --keep {kept}.");
                        return 2;
                    }
                    using var existing = IndexerHost.Build(Path.GetFullPath(kept), EngineOnly);
                    await existing.GetRequiredService<IndexFollower>().CatchUpAsync(null, ct);
                    PrintQueries(await MeasureQueriesAsync(existing.GetRequiredService<ISearchIndex>(), result.GetValue(runs), ct, result.GetValue(kind)));
                    return 0;
                }
                await RunAsync(Path.GetFullPath(kept), count, result.GetValue(runs), ct);
                return 0;
            }
            var directory = Path.Combine(Path.GetTempPath(), "portal-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(directory);
            try
            {
                await RunAsync(Path.Combine(directory, "bench.db"), count, result.GetValue(runs), ct);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string path, int count, int runs, CancellationToken ct)
    {
        using var services = IndexerHost.Build(path, EngineOnly);
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var index = services.GetRequiredService<ISearchIndex>();
        var database = services.GetRequiredService<SqliteDatabase>();

        Console.WriteLine($"Building an index of {count:N0} generated records ...");
        var process = Process.GetCurrentProcess();
        var buildCpu = process.TotalProcessorTime;
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var paused = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var report = await pipeline.IngestAsync(SyntheticRecords.Generate(count), new Progress<int>(n =>
        {
            if (n % 100_000 == 0)
            {
                Console.WriteLine($"  {n:N0} records, {n / watch.Elapsed.TotalSeconds:N0} records/s");
            }
        }), ct);
        var buildSeconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        buildCpu = process.TotalProcessorTime - buildCpu;
        collections = [GC.CollectionCount(0) - collections[0], GC.CollectionCount(1) - collections[1], GC.CollectionCount(2) - collections[2]];
        paused = GC.GetTotalPauseDuration() - paused;
        using (var connection = database.Open())
        {
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }
        var lucene = services.GetRequiredService<LuceneSearchIndex>();
        lucene.Commit();
        var catalogSize = new FileInfo(path).Length;
        var indexSize = new DirectoryInfo(lucene.Path).EnumerateFiles().Sum(f => f.Length);

        // A write seen by search: one record through the pipeline, then searched for until it is found.
        var visible = Stopwatch.StartNew();
        await pipeline.IngestAsync([new CatalogEntry(new AssetRecord { Id = "bench:probe", SourceId = "bench", Title = "zzvisibleprobe record" })], ct);
        while ((await index.SearchAsync(new SearchRequest { Query = QueryParser.Parse("zzvisibleprobe"), Size = 1 }, ct)).Total == 0)
        {
            await Task.Delay(5, ct);
        }
        var visibleMs = visible.Elapsed.TotalMilliseconds;

        var rows = await MeasureQueriesAsync(index, runs, ct);

        // Rebuilding the index from the catalogue, as `reindex` does.
        process.Refresh();
        var reindexCpu = process.TotalProcessorTime;
        var reindex = Stopwatch.StartNew();
        await index.ResetAsync((await services.GetRequiredService<ICatalogStore>().PositionAsync(ct)).CatalogId, ct);
        await services.GetRequiredService<IndexFollower>().CatchUpAsync(null, ct);
        lucene.Commit();
        var reindexSeconds = reindex.Elapsed.TotalSeconds;
        process.Refresh();
        reindexCpu = process.TotalProcessorTime - reindexCpu;

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var rate = report.Added / buildSeconds;
        Console.WriteLine();
        Console.WriteLine($"| measure | value |");
        Console.WriteLine($"|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| records | {report.Added:N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| build rate | {rate:N0} records/s ({buildSeconds:F1} s) |"));
        // Processor time, which other work on the machine inflates far less than the elapsed time.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| build processor time | {buildCpu.TotalSeconds:F1} s ({buildCpu.TotalMicroseconds / Math.Max(1, report.Added):F0} µs per record) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| build garbage collections (gen 0 / 1 / 2) | {collections[0]:N0} / {collections[1]:N0} / {collections[2]:N0}, paused {paused.TotalSeconds:F1} s) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| catalogue + index | {(catalogSize + indexSize) / 1048576.0:N0} MB (catalogue {catalogSize / 1048576.0:N0} MB, index {indexSize / 1048576.0:N0} MB) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| reindex from the catalogue | {reindexSeconds:F1} s (processor {reindexCpu.TotalSeconds:F1} s) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| a write visible in search | {visibleMs:F0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| facet profiles (distinct value combinations) | {lucene.FacetProfiles:N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| peak RSS | {peak / 1048576.0:N0} MB |"));
        Console.WriteLine();
        PrintQueries(rows);
    }

    /// <summary>Each query kind's latency and the processor time it took (which another busy process on the machine does not inflate as much).</summary>
    private static async Task<List<QueryFigures>> MeasureQueriesAsync(ISearchIndex index, int runs, CancellationToken ct, string? only = null)
    {
        var rows = new List<QueryFigures>();
        async Task Measure(string name, Func<int, SearchRequest> make)
        {
            if (only is not null && !name.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            var times = new List<double>();
            long hits = 0;
            var process = Process.GetCurrentProcess();
            // Warm up until the JIT has optimised the search path, so the figures are those of a running server.
            for (var i = 0; i < WarmUpRuns; i++)
            {
                await index.SearchAsync(make(i), ct);
            }
            var cpu = process.TotalProcessorTime;
            for (var i = 0; i < runs; i++)
            {
                var request = make(i);
                var w = Stopwatch.StartNew();
                var r = await index.SearchAsync(request, ct);
                times.Add(w.Elapsed.TotalMilliseconds);
                hits += r.Total;
            }
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds / runs;
            times.Sort();
            rows.Add(new QueryFigures(name, Percentile(times, 0.50), Percentile(times, 0.95), cpuMs, hits / runs));
        }

        SearchRequest Text(string q) => new()
        {
            Query = QueryParser.Parse(q),
            FacetDimensions = CountedFacets,
        };

        await Measure("selective word", i => Text(SyntheticRecords.RareWord(i * 37)));
        await Measure("broad word (>10%)", i => Text(SyntheticRecords.BroadWords[i % SyntheticRecords.BroadWords.Count]));
        await Measure("two-word AND", i => Text($"{SyntheticRecords.BroadWords[i % 3]} {SyntheticRecords.BroadWords[(i + 1) % 3]}"));
        await Measure("phrase", i => Text($"\"{SyntheticRecords.BroadWords[i % 3]} {SyntheticRecords.BroadWords[(i + 1) % 3]}\""));
        await Measure("object name", i => Text(i % 2 == 0 ? "M51" : "Crab Nebula"));
        await Measure("facets only, two filters", i => new SearchRequest
        {
            Filters = new Dictionary<string, IReadOnlyList<string>>
            {
                [FacetDimensions.Domain] = [i % 2 == 0 ? "Space Science" : "Earth Observation"],
                [FacetDimensions.AssetType] = ["observation"],
            },
        });
        return rows;
    }

    private sealed record QueryFigures(string Name, double P50, double P95, double CpuMs, long Hits);

    private static void PrintQueries(List<QueryFigures> rows)
    {
        Console.WriteLine("| query (4 facet dimensions counted) | p50 ms | p95 ms | CPU ms per query | mean total hits |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Name} | {row.P50:F1} | {row.P95:F1} | {row.CpuMs:F1} | {row.Hits:N0} |"));
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
