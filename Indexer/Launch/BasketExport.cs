using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.VoTable;
using DiscoveryPortal.Indexer.Export;

namespace DiscoveryPortal.Indexer.Launch;

/// <summary>One row of a basket export: a record and its first access link (one row per file where there are several).</summary>
public sealed record BasketRow(string Id, string Title, string Source, string? Mission, string AssetType, string? ProductType, string? AccessUrl, string? Format, long? SizeBytes, string? Doi,
    double? Ra, double? Dec, DateTimeOffset? Start, DateTimeOffset? End)
{
    public static IEnumerable<BasketRow> Of(AssetRecord r) =>
        Files(r).Select(l => new BasketRow(r.Id, r.Title, r.SourceId, r.Mission, r.AssetType.ToString().ToLowerInvariant(), r.ProductTypes.FirstOrDefault(),
            l.Url.Length == 0 ? null : l.Url, l.Format, l.SizeBytes, r.Doi, r.Sky?.Ra, r.Sky?.Dec, r.Time?.Start, r.Time?.End));

    /// <summary>Each file of a record, or its landing page where it lists none.</summary>
    public static IReadOnlyList<AccessLink> Files(AssetRecord r) => r.Access.Count > 0 ? r.Access : [new AccessLink(r.LandingPage ?? "", null)];
}

/// <summary>
/// Writes a basket as CSV or as a VOTable for TOPCAT and Aladin: the record columns every export has
/// (<see cref="RecordColumns"/>), then the file of the row.
/// </summary>
public static class BasketExport
{
    private sealed record FileRow(AssetRecord Record, AccessLink File);

    private static readonly IReadOnlyList<TableColumn<FileRow>> Columns =
    [
        .. RecordColumns.All.Select(c => c.Over<FileRow>(row => row.Record)),
        new(new VoColumn("access.url", "char", "meta.ref.url", Description: "The file's URL"), row => row.File.Url.Length == 0 ? null : row.File.Url),
        new(new VoColumn("access.format", "char", "meta.code.mime", Description: "The file's MIME type"), row => row.File.Format),
        new(new VoColumn("access.sizeBytes", "long", "phys.size;meta.file", "byte", "The file's size"), row => row.File.SizeBytes),
    ];

    private static IEnumerable<FileRow> Rows(IEnumerable<AssetRecord> records) =>
        records.SelectMany(r => BasketRow.Files(r).Select(f => new FileRow(r, f)));

    public static void WriteCsv(TextWriter output, IEnumerable<AssetRecord> records) => TableExport.WriteCsv(output, Columns, Rows(records));

    public static void WriteVoTable(Stream output, string basketId, IEnumerable<AssetRecord> records) =>
        TableExport.WriteVoTable(output, "basket", $"Discovery Portal basket {basketId}", Columns, Rows(records));
}
