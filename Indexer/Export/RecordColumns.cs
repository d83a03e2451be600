using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Indexer.Export;

/// <summary>
/// The columns a record has in every table the portal hands out (search results, basket exports, cone
/// search), declared once. Each name is the path of the field in the record's JSON (<c>instruments</c>,
/// <c>time.start</c>, <c>sky.ra</c>), so a script reads the same name in JSON, CSV and VOTable. A list of
/// words is one cell joined by <see cref="TableExport.ListSeparator"/>; a polygon is its coordinates in
/// order (ra dec ra dec ... on the sky, lon lat ... on the ground).
/// </summary>
public static class RecordColumns
{
    public const string Id = "id";
    public const string Ra = "sky.ra";
    public const string Dec = "sky.dec";

    private static VoColumn Text(string name, string ucd, string description) => new(name, "char", ucd, Description: description);

    private static VoColumn Number(string name, string ucd, string unit, string description) => new(name, "double", ucd, unit, description);

    private static VoColumn Time(string name, string ucd, string description) => new(name, "char", ucd, Description: description + " (ISO 8601, UTC)") { Xtype = "timestamp" };

    /// <summary>Identity first, then what the record is, then access, then time, sky and ground.</summary>
    public static IReadOnlyList<TableColumn<AssetRecord>> All { get; } =
    [
        new(Text(Id, "meta.id;meta.main", "The asset's id: <source>:<native id>"), r => r.Id),
        new(Text("title", "meta.title", "Title"), r => r.Title),
        new(Text("assetType", "meta.code.class", "observation, dataset, collection, service, datalab or tool"), r => r.AssetType.ToString().ToLowerInvariant()),
        new(Text("domain", "meta.code.class", "Domain"), r => r.Domain),
        new(Text("mission", "meta.id;instr.obsty", "Mission"), r => r.Mission),
        new(Text("missionFamily", "meta.code.class", "The mission's family"), r => r.MissionFamily),
        new(Text("instruments", "instr", "Instruments"), r => r.Instruments),
        new(Text("productTypes", "meta.code.class", "Product types"), r => r.ProductTypes),
        new(Text("formats", "meta.code.mime", "MIME types of the data"), r => r.Formats),
        new(Text("wavebands", "instr.bandpass", "Wavebands"), r => r.Wavebands),
        new(Text("sourceId", "meta.ref", "The source it was harvested from or registered under"), r => r.SourceId),
        new(Text("url", "meta.ref.url", "The access URL to open first, else the landing page"), r => r.PrimaryUrl),
        new(Text("doi", "meta.ref", "DOI"), r => r.Doi),
        new(Time("published", "time.release", "When the source published or last changed it"), r => r.Published),
        new(Time("time.start", "time.start", "Start of the time covered"), r => r.Time?.Start),
        new(Time("time.end", "time.end", "End of the time covered"), r => r.Time?.End),
        new(Number(Ra, "pos.eq.ra;meta.main", "deg", "Right ascension of the sky footprint's centre (ICRS)"), r => r.Sky?.Ra),
        new(Number(Dec, "pos.eq.dec;meta.main", "deg", "Declination of the sky footprint's centre (ICRS)"), r => r.Sky?.Dec),
        new(Number("sky.radius", "phys.angSize;obs.field", "deg", "Radius of the circle holding the sky footprint"), r => r.Sky?.Radius),
        new(new VoColumn("sky.polygon", "double", "pos;obs.field", "deg", "The sky footprint's vertices: ra dec ra dec ...") { Array = true, Xtype = "polygon" },
            r => r.Sky?.Polygon?.SelectMany(p => new[] { p.Ra, p.Dec }).ToArray()),
        new(Number("ground.box.west", "pos.earth.lon", "deg", "West edge of the ground footprint (WGS84)"), r => r.Ground?.Box.West),
        new(Number("ground.box.south", "pos.earth.lat", "deg", "South edge of the ground footprint"), r => r.Ground?.Box.South),
        new(Number("ground.box.east", "pos.earth.lon", "deg", "East edge of the ground footprint"), r => r.Ground?.Box.East),
        new(Number("ground.box.north", "pos.earth.lat", "deg", "North edge of the ground footprint"), r => r.Ground?.Box.North),
        new(new VoColumn("ground.polygon", "double", "pos;obs.field", "deg", "The ground footprint's vertices: lon lat lon lat ...") { Array = true },
            r => r.Ground?.Polygon?.SelectMany(p => new[] { p.Lon, p.Lat }).ToArray()),
    ];
}
