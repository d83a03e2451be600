using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DiscoveryPortal.Indexer.Bench.Relevance;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.Indexer.Search;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary>
/// <c>bench-relevance</c>: seeds a temporary catalogue as the portal does on first start, judges its
/// records by the rules of each query in the query file, runs the queries and prints nDCG@10, P@10,
/// R@100 and zero-result counts per query, overall and per kind of query.
/// </summary>
internal static class BenchRelevanceCommand
{
    public static Command Build()
    {
        var queries = new Option<string?>("--queries") { Description = "The judged query file (default: Indexer/Bench/Relevance/queries.yaml)." };
        var json = new Option<string?>("--json") { Description = "Also write the per-query figures to this JSON file." };
        var command = new Command("bench-relevance", "Score search relevance on the seeded catalogue against judged queries.") { queries, json };
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(queries) ?? QueryFile.DefaultPath(DataRoot.Locate(Directory.GetCurrentDirectory()));
            IReadOnlyList<JudgedQuery> set;
            try
            {
                set = QueryFile.Load(path);
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                Console.Error.WriteLine($"{path}: {e.Message}");
                return 2;
            }
            var directory = Path.Combine(Path.GetTempPath(), "portal-relevance-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(directory);
            try
            {
                return await RunAsync(Path.Combine(directory, "catalog.db"), path, set, result.GetValue(json), ct);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(string catalogPath, string queryPath, IReadOnlyList<JudgedQuery> queries, string? jsonPath, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var services = IndexerHost.Build(catalogPath);
        var paths = services.GetRequiredService<ResolvedPaths>();
        var catalog = services.GetRequiredService<ICatalogStore>();
        await services.GetRequiredService<CatalogSeeder>().SeedIfEmptyAsync(paths.SeedDirectory, _ => { }, ct);
        var records = await catalog.CountAsync(ct);
        var seeded = watch.Elapsed;

        var run = new RelevanceRun(catalog, services.GetRequiredService<ISearchIndex>());
        var judgements = await run.JudgeAsync(queries, ct);
        var unjudged = judgements.Where(j => j.EmptyRules().Any()).ToList();
        if (unjudged.Count > 0)
        {
            foreach (var j in unjudged)
            {
                Console.Error.WriteLine($"{j.Query.Id}: no record of the seeded catalogue meets {string.Join(" nor ", j.EmptyRules())}");
            }
            Console.Error.WriteLine($"{unjudged.Count} of {queries.Count} queries cannot be scored; fix their rules in {queryPath}.");
            return 1;
        }
        var judged = watch.Elapsed;
        var scores = await run.ScoreAsync(judgements, ct);
        var searched = watch.Elapsed;

        var overall = ScoreAverage.Of("all", scores);
        var byKind = QueryFile.Kinds
            .Select(kind => scores.Where(s => s.Kind == kind).ToList())
            .Where(group => group.Count > 0)
            .Select(group => ScoreAverage.Of(group[0].Kind, group))
            .ToList();

        Console.WriteLine($"Relevance on the seeded catalogue ({records:N0} records), {queries.Count} judged queries from {Path.GetRelativePath(Directory.GetCurrentDirectory(), queryPath)}");
        Console.WriteLine();
        PrintQueries(scores);
        Console.WriteLine();
        PrintAverages(byKind.Append(overall).ToList());
        Console.WriteLine();
        Console.WriteLine($"Zero-result queries: {overall.ZeroResults} of {scores.Count}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Time: seeding {seeded.TotalSeconds:F1} s, judging {(judged - seeded).TotalSeconds:F1} s, searching {(searched - judged).TotalSeconds:F1} s"));

        if (jsonPath is not null)
        {
            var report = new
            {
                date = DateTimeOffset.UtcNow,
                queryFile = Path.GetFullPath(queryPath),
                records,
                averages = new { overall, byKind },
                queries = scores.Select(s => new
                {
                    s.Id,
                    s.Kind,
                    s.Text,
                    s.Relevant,
                    s.HighlyRelevant,
                    s.Hits,
                    s.ZeroResult,
                    s.Ndcg10,
                    s.P10,
                    s.R100,
                    s.Top,
                }),
            };
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), ct);
            Console.WriteLine($"Per-query figures written to {jsonPath}");
        }
        return 0;
    }

    private static void PrintQueries(IReadOnlyList<QueryScore> scores)
    {
        var width = Math.Max(5, scores.Max(s => s.Id.Length));
        Console.WriteLine($"{"query".PadRight(width)}  {"kind",-11}  {"nDCG@10",7}  {"P@10",5}  {"R@100",5}  {"hits",4}  {"judged",6}  zero");
        foreach (var s in scores)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Id.PadRight(width)}  {s.Kind,-11}  {s.Ndcg10,7:F3}  {s.P10,5:F2}  {s.R100,5:F2}  {s.Hits,4}  {s.Relevant,6}  {(s.ZeroResult ? "yes" : "")}"));
        }
    }

    private static void PrintAverages(IReadOnlyList<ScoreAverage> averages)
    {
        Console.WriteLine($"{"kind",-11}  {"queries",7}  {"nDCG@10",7}  {"P@10",5}  {"R@100",5}  zero-result");
        foreach (var a in averages)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{a.Kind,-11}  {a.Queries,7}  {a.Ndcg10,7:F3}  {a.P10,5:F2}  {a.R100,5:F2}  {a.ZeroResults}"));
        }
    }
}
