using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Facets;

/// <summary>
/// One facet dimension, declared once: its name (also the search parameter), the label people read,
/// how its values are read from a record, and how it is counted. Counting settings must be the same
/// when documents are added and when they are counted.
/// </summary>
public sealed record FacetDimension(string Name, string Label, bool MultiValued, Func<AssetRecord, IReadOnlyList<string>> Values, bool Hierarchical = false)
{
    /// <summary>For a hierarchical dimension, the parent of the record's value (a mission's family).</summary>
    public Func<AssetRecord, string?>? Parent { get; init; }
}

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
    /// <summary>The MIME types of the data; not <c>format</c>, which chooses the format of an answer.</summary>
    public const string FileFormat = "fileFormat";

    /// <summary>The stored dimensions, in the order the portal's sidebar shows them. Mission is hierarchical: each mission's parent is its family.</summary>
    public static IReadOnlyList<FacetDimension> Stored { get; } =
    [
        new(Domain, "Domain", false, r => [r.Domain]),
        new(Mission, "Mission", false, r => r.Mission is null ? [] : [r.Mission], Hierarchical: true) { Parent = r => r.MissionFamily ?? "Other" },
        new(Instrument, "Instrument", true, r => r.Instruments),
        new(AssetType, "Asset type", false, r => [r.AssetType.ToString().ToLowerInvariant()]),
        new(ProductType, "Product type", true, r => r.ProductTypes),
        new(Waveband, "Waveband", true, r => r.Wavebands),
        new(FileFormat, "File format", true, r => r.Formats),
        new(Source, "Source", false, r => [r.SourceId]),
    ];

    /// <summary>Every dimension a search can return: the stored ones plus the mission families rolled up.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Domain, MissionFamily, .. Stored.Skip(1).Select(d => d.Name)];

    /// <summary>Dimensions a search may filter on; a mission filter also accepts a family name.</summary>
    public static IReadOnlyList<string> Filterable { get; } = Stored.Select(d => d.Name).ToList();

    public static FacetDimension Get(string name) => Stored.First(d => d.Name == name);
}
