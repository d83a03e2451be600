using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DiscoveryPortal.Indexer.Bench;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary>
/// <c>bench-http --url U</c>: a load generator for <c>GET /api/search</c> of a running portal (on loopback),
/// with a mixed list of queries (rare and broad words, two words, a phrase, facets, an object name), or for
/// any GET routes listed in a file (<c>--paths FILE</c>: one path and query a line, such as <c>/vo/scs?RA=..</c>):
/// prints latencies of one client, then requests per second with several concurrent clients. Run it against
/// a portal whose catalogue was filled with <c>bench --keep</c>'s generated records to measure at scale.
/// </summary>
internal static class BenchHttpCommand
{
    public static Command Build()
    {
        var url = new Option<string>("--url") { Description = "The portal's base URL.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients for the throughput run.", DefaultValueFactory = _ => 8 };
        var seconds = new Option<int>("--seconds") { Description = "Length of each run.", DefaultValueFactory = _ => 20 };
        var paths = new Option<FileInfo?>("--paths") { Description = "A file of GET paths with their queries, one a line, to request instead of the search mix." };
        var command = new Command("bench-http", "Measure GET latency and throughput of a running portal (/api/search, or the paths of a file).") { url, clients, seconds, paths };
        command.SetAction(async (result, ct) =>
        {
            var baseUrl = result.GetValue(url)!.TrimEnd('/');
            var list = result.GetValue(paths);
            var queries = list is null ? Queries().Select(q => "/api/search?" + q).ToList()
                : (await File.ReadAllLinesAsync(list.FullName, ct)).Select(l => l.Trim()).Where(l => l.StartsWith('/')).ToList();
            if (queries.Count == 0)
            {
                Console.Error.WriteLine($"{list!.FullName} lists no paths (each line starts with '/').");
                return 2;
            }
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            var length = TimeSpan.FromSeconds(result.GetValue(seconds));

            Console.WriteLine($"{queries.Count} requests against {baseUrl}{(list is null ? "/api/search" : "")}; warming up ...");
            await Run(http, queries, 2, TimeSpan.FromSeconds(3), ct);
            var single = await Run(http, queries, 1, length, ct);
            var many = await Run(http, queries, result.GetValue(clients), length, ct);

            Console.WriteLine();
            Console.WriteLine("| run | requests | requests/s | p50 ms | p95 ms | p99 ms | errors |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            Console.WriteLine(single.Row("1 client"));
            Console.WriteLine(many.Row($"{result.GetValue(clients)} clients"));
            return single.Errors + many.Errors == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>The mixed list: each kind as often as the others, over many different words.</summary>
    private static IEnumerable<string> Queries()
    {
        for (var i = 0; i < 50; i++)
        {
            yield return "q=" + SyntheticRecords.RareWord(i * 37);
            yield return "q=" + SyntheticRecords.BroadWords[i % SyntheticRecords.BroadWords.Count];
            yield return $"q={SyntheticRecords.BroadWords[i % 3]}+{SyntheticRecords.BroadWords[(i + 1) % 3]}";
            yield return $"q=%22{SyntheticRecords.BroadWords[i % 3]}+{SyntheticRecords.BroadWords[(i + 1) % 3]}%22";
            yield return "mission=HST&productType=image";
            yield return $"q={SyntheticRecords.BroadWords[i % 3]}&mission=Sentinel-2";
            yield return "q=M51";
        }
    }

    private static async Task<Measured> Run(HttpClient http, List<string> queries, int clients, TimeSpan length, CancellationToken ct)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = [];
            var i = c * 7;
            while (watch.Elapsed < length && !ct.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(queries[i++ % queries.Count], ct);
                await response.Content.CopyToAsync(Stream.Null, ct);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Measured(all, watch.Elapsed.TotalSeconds, errors);
    }

    private sealed record Measured(List<double> Sorted, double Seconds, int Errors)
    {
        private double At(double q) => Sorted.Count == 0 ? double.NaN : Sorted[Math.Min(Sorted.Count - 1, (int)(q * Sorted.Count))];

        public string Row(string name) => string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Sorted.Count:N0} | {Sorted.Count / Seconds:N0} | {At(0.5):F1} | {At(0.95):F1} | {At(0.99):F1} | {Errors} |");
    }
}
