using System.CommandLine;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary>The command line: import, seed, harvest, the benches and users, each running in the same container as the portal.</summary>
public static class IndexerCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Discovery Portal indexer: fills and measures the catalogue.");
        root.Subcommands.Add(ImportCommand.Build());
        root.Subcommands.Add(SeedCommand.Build());
        root.Subcommands.Add(ReindexCommand.Build());
        root.Subcommands.Add(HarvestCommand.Build());
        root.Subcommands.Add(BenchCommand.Build());
        root.Subcommands.Add(BenchVoTableCommand.Build());
        root.Subcommands.Add(BenchHarvestCommand.Build());
        root.Subcommands.Add(BenchHttpCommand.Build());
        root.Subcommands.Add(BenchRelevanceCommand.Build());
        root.Subcommands.Add(UserCommand.Build());
        return root;
    }

    /// <summary>
    /// Runs a command line. A full disk, a read-only catalogue or one another process keeps locked is said in
    /// one sentence on standard error (what happened, how far the command got, what to do) with its own exit
    /// code (<see cref="ExitCodes"/>), not as a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Build().Parse(args);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (CatalogFault.Of(e) is { } fault)
        {
            var command = parsed.CommandResult.Command;
            var catalogOption = command.Options.OfType<Option<string?>>().FirstOrDefault(o => o.Name == "--catalog");
            var paths = IndexerHost.Paths(catalogOption is null ? null : parsed.GetValue(catalogOption));
            await Console.Error.WriteLineAsync($"{command.Name}: {fault.Describe(paths.Catalog, paths.Index, HowFar(e))}");
            return ExitCodes.Of(fault);
        }
    }

    /// <summary>How far the work got before the fault: every write is one transaction, so what is named stored is whole.</summary>
    private static string HowFar(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case IngestStoppedException { StoredThroughRow: > 0 } rows:
                    return $"nothing after row {rows.StoredThroughRow:N0} was stored";
                case IngestStoppedException:
                    return "nothing was stored";
                case HarvestStoppedException { Run.Pages: > 0 } harvest:
                    return $"the run stored its first {harvest.Run.Pages:N0} pages, and the next run resumes after them";
                case HarvestStoppedException:
                    return "the run stored nothing";
            }
        }
        return "nothing of the change that failed was stored";
    }
}
