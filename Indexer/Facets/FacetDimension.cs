namespace DiscoveryPortal.Indexer.Facets;

/// <summary>
/// How a dimension is counted. These settings must be the same when documents are added and when
/// they are counted.
/// </summary>
public sealed record FacetDimension(string Name, bool MultiValued, bool Hierarchical = false);

public static class FacetDimensions
{
    public const string Domain = "domain";
    public const string Mission = "mission";
    public const string MissionFamily = "missionFamily";
    public const string Instrument = "instrument";
    public const string AssetType = "assetType";
    public const string ProductType = "productType";
    public const string Waveband = "waveband";
    public const string Source = "source";
    public const string Format = "format";

    /// <summary>The stored dimensions. Mission is hierarchical: each mission's parent is its family.</summary>
    public static IReadOnlyList<FacetDimension> Stored { get; } =
    [
        new(Domain, false),
        new(Mission, false, Hierarchical: true),
        new(Instrument, true),
        new(AssetType, false),
        new(ProductType, true),
        new(Waveband, true),
        new(Source, false),
        new(Format, true),
    ];

    /// <summary>Every dimension a search can return: the stored ones plus the mission families rolled up.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Domain, MissionFamily, Mission, Instrument, AssetType, ProductType, Waveband, Source, Format];

    /// <summary>Dimensions a search may filter on; a mission filter also accepts a family name.</summary>
    public static IReadOnlyList<string> Filterable { get; } = Stored.Select(d => d.Name).ToList();
}
