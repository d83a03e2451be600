namespace DiscoveryPortal.Indexer.Names;

/// <summary>A run of query words that names an object: words[Start .. Start+Length).</summary>
public sealed record NameMatch(int Start, int Length, SkyObject Object);
