using DiscoveryPortal.Indexer.Cli;

namespace DiscoveryPortal.Indexer;

public static class Program
{
    public static Task<int> Main(string[] args) => IndexerCommands.RunAsync(args);
}
