using System.CommandLine;
using DiscoveryPortal.Connectors.Files;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary><c>import FILE</c>: loads a CSV or JSON-lines file of records into the catalogue.</summary>
internal static class ImportCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "A .csv or .jsonl file of records." };
        var source = new Option<string?>("--source") { Description = "Source id for rows that name none (default: the file name)." };
        var catalog = new Option<string?>("--catalog") { Description = "Catalogue database file (default: App_Data/catalog.db in the clone)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report problems without storing anything." };
        var command = new Command("import", "Import records from a CSV or JSON-lines file.") { file, source, catalog, dryRun };
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"import: no such file '{path.FullName}'");
                return 2;
            }
            var sourceId = result.GetValue(source) ?? Path.GetFileNameWithoutExtension(path.Name);
            IEnumerable<RecordFileRow> rows;
            try
            {
                rows = RecordFileReader.Read(path.FullName, sourceId);
            }
            catch (InvalidDataException e)
            {
                await Console.Error.WriteLineAsync($"import: {e.Message}");
                return 2;
            }
            if (result.GetValue(dryRun))
            {
                var (valid, invalid) = (0, 0);
                foreach (var row in rows)
                {
                    if (row.IsValid)
                    {
                        valid++;
                        continue;
                    }
                    invalid++;
                    foreach (var p in row.Problems)
                    {
                        Console.WriteLine($"row {row.Row}: {p.Field} {p.Reason}");
                    }
                }
                Console.WriteLine($"dry run: {valid} valid rows, {invalid} rows with problems; nothing stored");
                return invalid == 0 ? 0 : 1;
            }
            using var services = IndexerHost.Build(result.GetValue(catalog));
            var pipeline = services.GetRequiredService<IngestionPipeline>();
            IngestReport report = null!;
            if (Console.IsOutputRedirected)
            {
                report = await pipeline.IngestAsync(rows, new Progress<int>(n => Console.WriteLine($"{n} rows read")), ct);
            }
            else
            {
                await AnsiConsole.Progress().StartAsync(async ctx =>
                {
                    var task = ctx.AddTask($"Importing {path.Name}", maxValue: double.NaN);
                    task.IsIndeterminate = true;
                    report = await pipeline.IngestAsync(rows, new Progress<int>(n => task.Description = $"Importing {path.Name}: {n} rows"), ct);
                    task.StopTask();
                });
            }
            foreach (var problem in report.Problems)
            {
                Console.WriteLine($"{problem.Where}: {string.Join("; ", problem.Problems.Select(p => $"{p.Field} {p.Reason}"))}");
            }
            Console.WriteLine(report.ToString());
            return report.Failed == 0 ? 0 : 1;
        });
        return command;
    }
}
