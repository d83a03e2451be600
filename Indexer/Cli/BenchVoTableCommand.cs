using System.CommandLine;
using System.Diagnostics;
using DiscoveryPortal.Connectors.VoTable;
using DiscoveryPortal.Indexer.Bench;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary>
/// <c>bench-votable --megabytes N</c>: writes an N MB TABLEDATA VOTable and its BINARY2 twin, reads each
/// with the streaming reader, and prints MB/s and rows/s (best of the runs) with the peak memory.
/// </summary>
internal static class BenchVoTableCommand
{
    public static Command Build()
    {
        var megabytes = new Option<int>("--megabytes") { Description = "Size of the TABLEDATA file.", DefaultValueFactory = _ => 100 };
        var runs = new Option<int>("--runs") { Description = "Reads of each file; the best is reported.", DefaultValueFactory = _ => 3 };
        var command = new Command("bench-votable", "Measure the VOTable reader's parse rate on a generated TABLEDATA file and its BINARY2 twin.") { megabytes, runs };
        command.SetAction((result, ct) =>
        {
            var directory = Directory.CreateTempSubdirectory("portal-votable-bench-").FullName;
            try
            {
                var td = Path.Combine(directory, "table.td.xml");
                var b2 = Path.Combine(directory, "table.b2.xml");
                var rows = SyntheticVoTable.Write(td, b2, result.GetValue(megabytes) * 1024L * 1024L);
                Console.WriteLine($"| file | size (MB) | rows | best read (s) | MB/s | rows/s |");
                Console.WriteLine($"|---|---|---|---|---|---|");
                foreach (var (name, path) in new[] { ("TABLEDATA", td), ("BINARY2", b2) })
                {
                    var best = double.MaxValue;
                    for (var run = 0; run < Math.Max(1, result.GetValue(runs)); run++)
                    {
                        ct.ThrowIfCancellationRequested();
                        var watch = Stopwatch.StartNew();
                        var read = Read(path);
                        watch.Stop();
                        if (read != rows)
                        {
                            throw new InvalidOperationException($"{name}: read {read} rows of {rows}");
                        }
                        best = Math.Min(best, watch.Elapsed.TotalSeconds);
                    }
                    var mb = new FileInfo(path).Length / 1024.0 / 1024.0;
                    Console.WriteLine($"| {name} | {mb:F1} | {rows:N0} | {best:F2} | {mb / best:F1} | {rows / best:N0} |");
                }
                Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
                return Task.FromResult(0);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        });
        return command;
    }

    private static int Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = VoTableReader.Open(stream);
        var rows = 0;
        while (reader.NextTable())
        {
            foreach (var _ in reader.Rows())
            {
                rows++;
            }
        }
        return rows;
    }
}
