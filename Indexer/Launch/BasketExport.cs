using System.Globalization;
using CsvHelper;
using DiscoveryPortal.Connectors.Files;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Indexer.Launch;

/// <summary>One row of a basket export: a record and its first access link (one row per file where there are several).</summary>
public sealed record BasketRow(string Id, string Title, string Source, string? Mission, string AssetType, string? ProductType, string? AccessUrl, string? Format, long? SizeBytes, string? Doi,
    double? Ra, double? Dec, DateTimeOffset? Start, DateTimeOffset? End)
{
    public static IEnumerable<BasketRow> Of(AssetRecord r)
    {
        var links = r.Access.Count > 0 ? r.Access : [new AccessLink(r.LandingPage ?? "", null)];
        return links.Select(l => new BasketRow(r.Id, r.Title, r.SourceId, r.Mission, r.AssetType.ToString().ToLowerInvariant(), r.ProductTypes.FirstOrDefault(),
            l.Url.Length == 0 ? null : l.Url, l.Format, l.SizeBytes, r.Doi, r.Sky?.Ra, r.Sky?.Dec, r.Time?.Start, r.Time?.End));
    }
}

/// <summary>Writes a basket as CSV (CsvHelper, cells a spreadsheet would run neutralised) or as a VOTable for TOPCAT and Aladin.</summary>
public static class BasketExport
{
    private static readonly VoColumn[] Columns =
    [
        new("id", "char", "meta.id;meta.main"), new("title", "char", "meta.title"), new("source", "char", "meta.ref"), new("mission", "char", "instr.obsty"),
        new("asset_type", "char", "meta.code.class"), new("product_type", "char", "meta.code.class"), new("access_url", "char", "meta.ref.url"),
        new("format", "char", "meta.code.mime"), new("size", "long", "phys.size;meta.file", "byte"), new("doi", "char", "meta.ref.doi"),
        new("ra", "double", "pos.eq.ra;meta.main", "deg"), new("dec", "double", "pos.eq.dec;meta.main", "deg"),
        new("t_start", "char", "time.start"), new("t_end", "char", "time.end"),
    ];

    /// <summary>
    /// CSV in the invariant culture: numbers as written (a negative one stays a number), times in ISO 8601
    /// UTC, and only the text cells a spreadsheet would run neutralised (<see cref="CellGuard.Neutralise"/>).
    /// </summary>
    public static void WriteCsv(TextWriter output, IEnumerable<AssetRecord> records)
    {
        using var csv = new CsvWriter(output, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.None }, leaveOpen: true);
        static string? Text(string? value) => CellGuard.Neutralise(value);
        csv.WriteRecords(records.SelectMany(BasketRow.Of).Select(r => new CsvRow(Text(r.Id)!, Text(r.Title)!, Text(r.Source)!, Text(r.Mission), Text(r.AssetType)!, Text(r.ProductType),
            Text(r.AccessUrl), Text(r.Format), r.SizeBytes, Text(r.Doi), r.Ra, r.Dec, Iso(r.Start), Iso(r.End))));
    }

    /// <summary>A row as the CSV carries it: text cells checked, times as ISO 8601 text.</summary>
    private sealed record CsvRow(string Id, string Title, string Source, string? Mission, string AssetType, string? ProductType, string? AccessUrl, string? Format, long? SizeBytes, string? Doi,
        double? Ra, double? Dec, string? Start, string? End);

    private static string? Iso(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static void WriteVoTable(Stream output, string basketId, IEnumerable<AssetRecord> records) =>
        VoTableWriter.Write(output, "basket", $"Discovery Portal basket {basketId}", Columns,
            records.SelectMany(BasketRow.Of).Select(r => (IReadOnlyList<object?>)[r.Id, r.Title, r.Source, r.Mission, r.AssetType, r.ProductType, r.AccessUrl, r.Format, r.SizeBytes, r.Doi, r.Ra, r.Dec,
                r.Start?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), r.End?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)]));
}
