using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Files;

/// <summary>
/// Reads records from CSV with one header row. Lists are separated by ';', authors as
/// "Name|ORCID|Affiliation". The columns are documented in data-samples/README.md.
/// </summary>
public static class CsvRecordReader
{
    public static IEnumerable<RecordFileRow> Read(TextReader text, string defaultSourceId)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
            BadDataFound = null,
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
        };
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            yield break;
        }
        var columns = csv.HeaderRecord.Length;
        while (csv.Read())
        {
            var row = csv.Parser.Row;
            if (csv.Parser.Count != columns)
            {
                yield return new RecordFileRow(row, null, [new("row", $"has {csv.Parser.Count} columns, the header has {columns}")]);
                continue;
            }
            yield return ParseRow(new CsvFields(csv), row, defaultSourceId);
        }
    }

    private static RecordFileRow ParseRow(CsvFields f, long row, string defaultSourceId)
    {
        var problems = new List<RecordProblem>();
        foreach (var (column, value) in f.All())
        {
            CellGuard.Check(column, value, problems);
        }
        if (problems.Count > 0)
        {
            return new RecordFileRow(row, null, problems);
        }
        var source = f.Get("source") ?? defaultSourceId;
        var nativeId = f.Get("id");
        if (nativeId is null)
        {
            problems.Add(new("id", "is required"));
        }
        var record = new AssetRecord
        {
            Id = $"{source}:{nativeId}",
            SourceId = source,
            Title = f.Get("title") ?? "",
            Description = f.Get("description") ?? "",
            Domain = f.Get("domain") ?? Domains.SpaceScience,
            Mission = f.Get("mission"),
            Platform = f.Get("platform"),
            Instruments = f.List("instruments"),
            AssetType = FieldParser.Enum<AssetType>(f.Get("assettype"), "assetType", problems) ?? AssetType.Dataset,
            ProductTypes = f.List("producttypes"),
            Formats = f.List("formats"),
            Authors = f.List("authors").Select(FieldParser.Person).ToList(),
            Keywords = f.List("keywords"),
            License = f.Get("license"),
            Doi = f.Get("doi"),
            LandingPage = f.Get("landingpage"),
            Access = f.List("accessurls").Select(u => new AccessLink(u)).ToList(),
            Sky = FieldParser.Sky(f.Get("ra"), f.Get("dec"), f.Get("radius"), problems),
            Ground = FieldParser.Ground(f.Get("bbox"), problems),
            Time = FieldParser.Time(f.Get("start"), f.Get("end"), problems),
            Wavebands = f.List("wavebands"),
            Published = FieldParser.Date(f.Get("published"), "published", problems),
            Details = f.List("details").Select(d => d.Split('=', 2)).Where(kv => kv.Length == 2)
                .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim()),
        };
        problems.AddRange(RecordValidator.Validate(record));
        return new RecordFileRow(row, problems.Count == 0 ? record : null, problems);
    }

    private sealed class CsvFields(CsvReader csv)
    {
        public IEnumerable<(string Column, string? Value)> All() =>
            csv.HeaderRecord!.Select((h, i) => (h.Trim(), csv.Parser.Record is { } r && i < r.Length ? r[i] : null));

        public string? Get(string name) =>
            csv.TryGetField<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        public List<string> List(string name) =>
            Get(name)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];
    }
}
