using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DiscoveryPortal.SearchApi.Tests.Harvest;

/// <summary>
/// The harvest command killed mid-run (SIGKILL, no chance to clean up), then run again: it resumes after the
/// last committed page, and the killed run stays on record as interrupted with what it had stored.
/// </summary>
[Collection("dachs")]
public sealed partial class KilledHarvestTests
{
    [GeneratedRegex(@"completed \((?<mode>\w+)\) — (?<pages>\d+) pages, (?<rows>\d+) rows; added (?<added>\d+)")]
    private static partial Regex Summary();

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "data-samples")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("no data-samples/ above " + AppContext.BaseDirectory);
    }

    private static Process Start(string root, string config, string catalog)
    {
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "Indexer", "bin", configuration, "net10.0", "DiscoveryPortal.Indexer.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "harvest", "local-dachs", "--config", config, "--catalog", catalog })
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start)!;
    }

    [DachsFact]
    public async Task A_killed_harvest_resumes_from_its_last_committed_page()
    {
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("portal-killed-").FullName;
        var catalog = Path.Combine(work, "catalog.db");
        var config = Path.Combine(work, "sources.yaml");
        File.WriteAllText(config, """
            sources:
              - id: local-dachs
                title: Local DaCHS
                kind: tap-obscore
                url: http://127.0.0.1:8090/tap
                table: portalobs.obs
                keyColumn: obs_publisher_did
                modifiedColumn: modified
                pageSize: 100
            """);
        try
        {
            using (var first = Start(root, config, catalog))
            {
                string? line;
                while ((line = await first.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("page 3:", StringComparison.Ordinal))
                {
                }
                Assert.NotNull(line);
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }

            using var second = Start(root, config, catalog);
            var output = await second.StandardOutput.ReadToEndAsync();
            await second.WaitForExitAsync();
            Assert.True(second.ExitCode == 0, $"exit {second.ExitCode}: {output}{await second.StandardError.ReadToEndAsync()}");
            var summary = Summary().Match(output);
            Assert.True(summary.Success, output);
            Assert.Equal("resumed", summary.Groups["mode"].Value);
            var rows = int.Parse(summary.Groups["rows"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(rows, 1, 2100 - 300); // at least the three pages seen before the kill were not read again

            using var host = new HarvestHost(catalog);
            Assert.Equal(2100 + 3, await host.Catalog.CountAsync(CancellationToken.None));

            // The killed run is on record, interrupted, with what it stored; the resumed run counts only its own.
            using var client = host.CreateClient();
            var runs = (await client.GetFromJsonAsync<JsonObject>("/api/sources/local-dachs"))!["runs"]!.AsArray();
            Assert.Equal(2, runs.Count);
            var (resumed, killed) = (runs[0]!, runs[1]!);
            Assert.Equal(("completed", "resumed"), ((string?)resumed["status"], (string?)resumed["mode"]));
            Assert.Equal(("interrupted", "full"), ((string?)killed["status"], (string?)killed["mode"]));
            var killedAdded = (int)killed["added"]!;
            Assert.True(killedAdded >= 300, $"the killed run is recorded with {killedAdded} added");
            Assert.Equal((int)killed["pages"]! * 100, killedAdded);
            Assert.Equal(2100 + 3, killedAdded + (int)resumed["added"]!);
            Assert.Equal(2100 - killedAdded, rows);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TemporaryFolder.Delete(work);
        }
    }
}
