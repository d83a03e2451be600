using System.CommandLine;

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
}
