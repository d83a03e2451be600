namespace DiscoveryPortal.Indexer.Names;

/// <summary>
/// One object: its display name, every name it is known by, J2000 position and size in degrees, and where it
/// came from ("OpenNGC", "curated: &lt;source&gt;", "catalogue").
/// </summary>
public sealed record SkyObject(string Name, IReadOnlyList<string> Names, double Ra, double Dec, double Radius, string Origin);
