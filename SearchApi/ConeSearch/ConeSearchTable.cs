using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.VoTable;
using DiscoveryPortal.Indexer.Export;
using DiscoveryPortal.Indexer.Search;

namespace DiscoveryPortal.SearchApi.ConeSearch;

/// <summary>A cone search row: the record and its centre's distance from the cone's centre.</summary>
public sealed record ConeRow(AssetRecord Record, double Distance);

/// <summary>
/// The columns of a cone search answer, by verbosity: the record columns every export has (<see cref="RecordColumns"/>),
/// with the three Simple Cone Search 1.03 asks for marked by its UCD1 words (<c>ID_MAIN</c>, <c>POS_EQ_RA_MAIN</c>,
/// <c>POS_EQ_DEC_MAIN</c>). VERB=1 is those three, VERB=2 (the default) adds what a record is, where and when, and
/// the distance; VERB=3 every column.
/// </summary>
public static class ConeSearchTable
{
    private static readonly IReadOnlyDictionary<string, string> Scs10Ucds = new Dictionary<string, string>
    {
        [RecordColumns.Id] = "ID_MAIN",
        [RecordColumns.Ra] = "POS_EQ_RA_MAIN",
        [RecordColumns.Dec] = "POS_EQ_DEC_MAIN",
    };

    private static readonly string[] Medium = ["title", "assetType", "mission", "instruments", "productTypes", "wavebands", "url", "time.start", "time.end", "sky.radius"];

    private static readonly TableColumn<ConeRow> DistanceColumn =
        new(new VoColumn("distance", "double", "POS_ANG_DIST_GENERAL", "deg", "Distance of the footprint's centre from the cone's centre"), r => r.Distance);

    private static readonly IReadOnlyList<TableColumn<ConeRow>> Record =
        RecordColumns.All.Select(c => Scs10Ucds.TryGetValue(c.Name, out var ucd) ? c.WithUcd(ucd) : c).Select(c => c.Over<ConeRow>(r => r.Record)).ToList();

    public static IReadOnlyList<TableColumn<ConeRow>> Columns(int verbosity) => verbosity switch
    {
        1 => [.. Record.Where(c => Scs10Ucds.ContainsKey(c.Name))],
        2 => [.. Record.Where(c => Scs10Ucds.ContainsKey(c.Name) || Medium.Contains(c.Name)), DistanceColumn],
        _ => [.. Record, DistanceColumn],
    };

    public static ConeRow Row(SearchHit hit, Cone cone) =>
        new(hit.Record, hit.Record.Sky is { } sky ? SkyGeometry.AngularDistance(cone.Ra, cone.Dec, sky.Ra, sky.Dec) : double.NaN);
}
