namespace DiscoveryPortal.Indexer.Accounts;

/// <summary>What an account may do: administrators everything; curators change records of their sources or missions; researchers only read.</summary>
public static class Roles
{
    public const string Administrator = "administrator";
    public const string Curator = "curator";
    public const string Researcher = "researcher";

    public static IReadOnlyList<string> All { get; } = [Administrator, Curator, Researcher];
}

/// <summary>What an API key may be used for.</summary>
public static class Scopes
{
    public const string AssetsWrite = "assets:write";
    public const string SourcesWrite = "sources:write";

    public static IReadOnlyList<string> All { get; } = [AssetsWrite, SourcesWrite];
}
