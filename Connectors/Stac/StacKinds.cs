using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Stac;

/// <summary>What a STAC API source reads: its collections, and items bounded by collection, box and dates.</summary>
public sealed class StacApiOptions : SourceOptions
{
    /// <summary>The collections whose items are searched (all collections are listed either way).</summary>
    [FormField("STAC: collections (comma-separated)")]
    public List<string> Collections { get; set; } = [];

    /// <summary>Only items in this west,south,east,north box.</summary>
    [FormField("STAC: box west,south,east,north")]
    public List<double> Bbox { get; set; } = [];

    /// <summary>Only items in this RFC 3339 interval ("2021-01-01T00:00:00Z/2021-12-31T23:59:59Z", ".." open).</summary>
    [FormField("STAC: interval", Placeholder = "2021-01-01T00:00:00Z/..")]
    public string? Datetime { get; set; }

    /// <summary>List collections only, no items.</summary>
    [FormField("STAC: collections only, no items")]
    public bool CollectionsOnly { get; set; }

    public override IEnumerable<string> Problems(string sourceId) => BoxProblem(sourceId, Bbox) is { } box ? [box] : [];
}

/// <summary>A STAC API: its collections and an item search bounded by the source's limits.</summary>
public sealed class StacApiKind : SourceKind<StacApiOptions>
{
    public const string Key = "stac-api";

    public override string Name => Key;

    public override string Describes => "a STAC API (its landing page)";

    protected override IHarvestConnector Create(SourceDefinition source, StacApiOptions options, HarvestContext context) =>
        new StacApiConnector(context.Client, new Uri(source.Url!),
            new StacLimits(options.Collections, options.Bbox, options.Datetime, source.PageSize, source.MaxRecords, options.CollectionsOnly),
            new StacMapper(source.Id, source.Title, source.Domain ?? Domains.EarthObservation, context.Missions, context.Clock));
}

/// <summary>A static STAC catalog, walked through its child and item links (http(s) or a path relative to the sources file).</summary>
public sealed class StacStaticKind : SourceKind<NoOptions>
{
    public const string Key = "stac-static";

    public override string Name => Key;

    public override string Describes => "a static STAC catalog (its root catalog.json)";

    public override SourceUrlRule UrlRule => SourceUrlRule.UrlOrPath;

    protected override IHarvestConnector Create(SourceDefinition source, NoOptions options, HarvestContext context)
    {
        var root = Uri.TryCreate(source.Url, UriKind.Absolute, out var absolute) ? absolute : new Uri(context.File.Resolve(source.Url!));
        return new StacStaticConnector(context.Client, root, new StacMapper(source.Id, source.Title, source.Domain ?? Domains.EarthObservation, context.Missions, context.Clock), source.MaxRecords);
    }
}
