using System.CommandLine;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary>
/// <c>import FILE</c>: checks a CSV or JSON-lines file of records, then stores its valid rows
/// (<c>--all-or-nothing</c>: every row or none). <c>--dry-run</c> only reports, by row, column and reason.
/// </summary>
internal static class ImportCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "A .csv or .jsonl file of records." };
        var source = new Option<string?>("--source") { Description = "Source id for rows that name none (default: the file name)." };
        var catalog = new Option<string?>("--catalog") { Description = "Catalogue database file (default: App_Data/catalog.db in the clone)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report problems without storing anything." };
        var allOrNothing = new Option<bool>("--all-or-nothing") { Description = "Store nothing if any row has a problem (default: store the valid rows)." };
        var command = new Command("import", "Import records from a CSV or JSON-lines file.") { file, source, catalog, dryRun, allOrNothing };
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"import: no such file '{path.FullName}'");
                return ExitCodes.Usage;
            }
            var extension = path.Extension.ToLowerInvariant();
            if (extension is not (".csv" or ".jsonl" or ".ndjson"))
            {
                await Console.Error.WriteLineAsync($"import: '{path.Name}' is not a .csv or .jsonl file");
                return ExitCodes.Usage;
            }
            var sourceId = result.GetValue(source) ?? Path.GetFileNameWithoutExtension(path.Name);
            if (result.GetValue(dryRun))
            {
                // A dry run opens no catalogue: it cannot change one.
                var check = ImportService.Check(path.FullName, sourceId, null, DateTimeOffset.UtcNow, ct);
                Print(check.Problems, check.ProblemsNotListed);
                Console.WriteLine($"dry run: {check.Valid} valid rows, {check.Invalid} rows with problems; nothing stored");
                return check.Invalid == 0 ? ExitCodes.Done : ExitCodes.Problems;
            }
            using var services = IndexerHost.Build(result.GetValue(catalog));
            var imports = services.GetRequiredService<ImportService>();
            var mode = result.GetValue(allOrNothing) ? ImportMode.All : ImportMode.Valid;
            ImportResult outcome = null!;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            if (Console.IsOutputRedirected)
            {
                outcome = await imports.ImportAsync(path.FullName, sourceId, mode, null, new Progress<ImportProgress>(p =>
                {
                    if (p.Valid is { } valid && p.Stored > 0)
                    {
                        Console.WriteLine($"{p.Stored} of {valid} rows stored");
                    }
                }), ct);
            }
            else
            {
                await AnsiConsole.Progress().StartAsync(async ctx =>
                {
                    var task = ctx.AddTask($"Checking {path.Name}", maxValue: 1);
                    task.IsIndeterminate = true;
                    outcome = await imports.ImportAsync(path.FullName, sourceId, mode, null, new Progress<ImportProgress>(p =>
                    {
                        if (p.Valid is not { } valid)
                        {
                            task.Description = $"Checking {path.Name}: {p.Checked:N0} rows";
                            return;
                        }
                        task.IsIndeterminate = false;
                        task.Description = $"Importing {path.Name}";
                        task.MaxValue = Math.Max(1, valid);
                        task.Value = p.Stored;
                    }), ct);
                    task.StopTask();
                });
            }
            Print(outcome.Problems, outcome.ProblemsNotListed);
            Console.WriteLine(outcome.Committed
                ? $"added {outcome.Added}, updated {outcome.Updated}, unchanged {outcome.Unchanged}, removed 0, failed {outcome.Invalid} in {watch.Elapsed.TotalSeconds:F1} s"
                : $"nothing stored: {outcome.Valid} valid rows, {outcome.Invalid} rows with problems");
            return outcome.Invalid == 0 ? ExitCodes.Done : ExitCodes.Problems;
        });
        return command;
    }

    private static void Print(IReadOnlyList<ImportProblem> problems, long notListed)
    {
        foreach (var problem in problems)
        {
            Console.WriteLine(problem.ToString());
        }
        if (notListed > 0)
        {
            Console.WriteLine($"... and {notListed} more problems");
        }
    }
}
