using System.Globalization;
using System.Text.Json;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Cmr;

/// <summary>One CMR item mapped: a record, or the id of a concept CMR marks deleted, or why it could not be read.</summary>
public sealed record CmrEntry(AssetRecord? Record, string? WithdrawnId, HarvestFailure? Failure);

/// <summary>
/// Maps CMR's UMM-JSON items (<c>{meta, umm}</c>) onto records. Collections (UMM-C) become collection assets,
/// granules (UMM-G) observation assets: platforms to mission (through the shared vocabulary) and platform,
/// instruments, processing level to product type, temporal extents to the time range, bounding rectangles,
/// polygons and points to the ground footprint, related URLs to access links (data), a quicklook (browse)
/// and documentation, the DOI, GCMD science keywords to keywords, and the revision date to the record's date.
/// </summary>
public sealed class CmrMapper(string sourceId, string sourceTitle, string domain, MissionVocabulary missions, TimeProvider clock)
{
    public string RecordId(string conceptId) => $"{sourceId}:{conceptId}";

    /// <summary>The record id of an item, whether or not it maps.</summary>
    public string? IdOf(JsonElement item) => item.Text("meta", "concept-id") is { } id ? RecordId(id) : null;

    /// <summary>The concept id an entry of a deleted-collections or deleted-granules listing names.</summary>
    public static string? DeletedConceptId(JsonElement entry) =>
        entry.Text("concept-id") ?? entry.Text("meta", "concept-id") ?? entry.Text("concept_id") ?? entry.Text("id");

    public CmrEntry MapCollection(JsonElement item, string where) => Map(item, where, granule: false);

    public CmrEntry MapGranule(JsonElement item, string where) => Map(item, where, granule: true);

    private CmrEntry Map(JsonElement item, string where, bool granule)
    {
        if (item.ValueKind != JsonValueKind.Object || item.Text("meta", "concept-id") is not { } conceptId)
        {
            return new(null, null, Fail(where, "the item has no meta.concept-id", item));
        }
        if (item.Text("meta", "deleted") == "true")
        {
            return new(null, RecordId(conceptId), null);
        }
        if (item.At("umm") is not { ValueKind: JsonValueKind.Object } umm)
        {
            return new(null, null, Fail(where, $"{conceptId} has no umm document", item));
        }
        var title = granule ? umm.Text("GranuleUR") : umm.Text("EntryTitle") ?? umm.Text("ShortName");
        if (title is null)
        {
            return new(null, null, Fail(where, $"{conceptId} has no {(granule ? "GranuleUR" : "EntryTitle")}", item));
        }
        var time = granule ? GranuleTime(umm) : CollectionTime(umm);
        string? timeProblem = null;
        if (time is { Start: { } s, End: { } e } && e < s)
        {
            // The record is kept; only the range it cannot have is left out, and said so.
            timeProblem = $"ends ({e:O}) before it begins ({s:O}); not used";
            time = null;
        }
        var platforms = umm.Items("Platforms").Select(p => p.Text("ShortName")).OfType<string>().Distinct().ToList();
        var mission = platforms.Select(missions.Resolve).FirstOrDefault(m => m is not null);
        var urls = umm.Items("RelatedUrls").Select(Related).OfType<RelatedUrl>().ToList();
        var sizes = umm.Items("DataGranule", "ArchiveAndDistributionInformation")
            .Where(f => f.Text("Name") is not null && f.Integer("SizeInBytes") is not null)
            .GroupBy(f => f.Text("Name")!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Integer("SizeInBytes"), StringComparer.Ordinal);
        var access = urls.Where(u => u.Role == UrlRole.Data)
            .Select(u => new AccessLink(u.Url, u.Description, u.Format, sizes.GetValueOrDefault(FileName(u.Url))))
            .DistinctBy(a => a.Url).ToList();
        var level = umm.Text("ProcessingLevel", "Id");
        var doi = DoiName.Strip(umm.Text("DOI", "DOI"));
        var details = new Dictionary<string, string> { ["CMR concept"] = conceptId };
        void Put(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                details[key] = value;
            }
        }
        Put("provider", item.Text("meta", "provider-id"));
        Put("short name", umm.Text("ShortName") ?? umm.Text("CollectionReference", "ShortName"));
        Put("version", umm.Text("Version") ?? umm.Text("CollectionReference", "Version"));
        Put("collection", item.Text("meta", "collection-concept-id"));
        Put("processing level", level);
        Put("platforms", platforms.Count > 1 ? string.Join(", ", platforms) : null);
        Put("quicklook", urls.FirstOrDefault(u => u.Role == UrlRole.Browse)?.Url);
        Put("documentation", urls.FirstOrDefault(u => u.Role == UrlRole.Documentation)?.Url);
        Put("day/night", umm.Text("DataGranule", "DayNightFlag"));
        Put("cloud cover (%)", umm.Text("CloudCover"));
        Put("time range", timeProblem);
        var landing = urls.FirstOrDefault(u => u.Role == UrlRole.Landing)?.Url ?? (doi is null ? null : "https://doi.org/" + doi);
        var record = new AssetRecord
        {
            Id = RecordId(conceptId),
            SourceId = sourceId,
            Title = title,
            Description = umm.Text("Abstract") ?? Describe(granule, mission?.Name ?? platforms.FirstOrDefault(), time, umm),
            Domain = mission?.Domain ?? domain,
            Mission = mission?.Name,
            MissionFamily = mission?.Family,
            Platform = platforms.FirstOrDefault(),
            Instruments = umm.Items("Platforms").SelectMany(p => p.Items("Instruments")).SelectMany(i => i.Items("ComposedOf").Prepend(i))
                .Select(i => i.Text("ShortName")).OfType<string>().Select(i => i.ToUpperInvariant()).Distinct().ToList(),
            AssetType = granule ? AssetType.Observation : AssetType.Collection,
            ProductTypes = ProductTypeOf(level) is { } type ? [type] : [],
            Formats = access.Select(a => a.Format).Concat(umm.Items("ArchiveAndDistributionInformation", "FileDistributionInformation").Select(f => MediaTypes.Normalise(f.Text("Format"))))
                .OfType<string>().Distinct().ToList(),
            Keywords = Keywords(umm),
            Authors = umm.Items("CollectionCitations").Select(c => c.Text("Creator")).OfType<string>().Distinct().Select(c => new Person(c)).ToList(),
            License = umm.Text("UseConstraints", "LicenseURL", "Linkage") ?? umm.Text("UseConstraints", "LicenseText"),
            Doi = doi,
            LandingPage = landing,
            Access = access,
            Ground = Footprint(umm),
            Time = time,
            Published = item.Time("meta", "revision-date"),
            Details = details,
            HarvestedAt = clock.GetUtcNow(),
            NativeHash = NativeHash.Of(item.GetRawText()),
        };
        return new(record, null, null);
    }

    /// <summary>
    /// NASA's processing levels: level 3 maps variables on a uniform grid and level 4 is model output on one,
    /// so both are gridded; levels 1 and 2 are swaths or scenes at the instrument's own geometry.
    /// </summary>
    public static string? ProductTypeOf(string? level) =>
        level?.Trim().TrimStart('L', 'l').FirstOrDefault() switch
        {
            '1' or '2' => "scene",
            '3' or '4' => "grid",
            _ => null,
        };

    private static TimeRange? CollectionTime(JsonElement umm)
    {
        DateTimeOffset? start = null, end = null;
        var open = false;
        foreach (var extent in umm.Items("TemporalExtents"))
        {
            open |= extent.Text("EndsAtPresentFlag") == "true";
            foreach (var range in extent.Items("RangeDateTimes"))
            {
                start = Min(start, range.Time("BeginningDateTime"));
                var ending = range.Time("EndingDateTime");
                open |= ending is null;
                end = Max(end, ending);
            }
            foreach (var single in extent.Items("SingleDateTimes").Select(t => t.ValueKind == JsonValueKind.String ? JsonFields.ParseTime(t.GetString()) : null))
            {
                (start, end) = (Min(start, single), Max(end, single));
            }
        }
        return start is null && end is null ? null : new TimeRange(start, open ? null : end);
    }

    private static TimeRange? GranuleTime(JsonElement umm)
    {
        if (umm.Time("TemporalExtent", "SingleDateTime") is { } single)
        {
            return new TimeRange(single, single);
        }
        var start = umm.Time("TemporalExtent", "RangeDateTime", "BeginningDateTime");
        var end = umm.Time("TemporalExtent", "RangeDateTime", "EndingDateTime");
        return start is null && end is null ? null : new TimeRange(start, end);
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a < b ? a : b);

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    /// <summary>Polygons where CMR gives them (the first one kept as the outline), else rectangles, else points; the box covers them all.</summary>
    public static GroundFootprint? Footprint(JsonElement umm)
    {
        if (umm.At("SpatialExtent", "HorizontalSpatialDomain", "Geometry") is not { } geometry)
        {
            return null;
        }
        var polygons = geometry.Items("GPolygons").Select(g => g.Items("Boundary", "Points").Select(Point).OfType<GeoPoint>().ToList()).Where(p => p.Count >= 3).ToList();
        if (polygons.Count > 0)
        {
            var outline = polygons[0];
            if (outline.Count > 3 && outline[0] == outline[^1])
            {
                outline = outline[..^1]; // CMR closes its rings; the outline is kept open as elsewhere
            }
            var all = polygons.SelectMany(p => p).ToList();
            var box = new BoundingBox(all.Min(p => p.Lon), all.Min(p => p.Lat), all.Max(p => p.Lon), all.Max(p => p.Lat));
            return box.IsValid ? new GroundFootprint(box, outline) : null;
        }
        var boxes = geometry.Items("BoundingRectangles").Select(r => (r.Number("WestBoundingCoordinate"), r.Number("SouthBoundingCoordinate"), r.Number("EastBoundingCoordinate"), r.Number("NorthBoundingCoordinate")))
            .Where(r => r.Item1 is not null && r.Item2 is not null && r.Item3 is not null && r.Item4 is not null)
            .Select(r => new BoundingBox(r.Item1!.Value, r.Item2!.Value, r.Item3!.Value, r.Item4!.Value)).Where(b => b.IsValid).ToList();
        var points = geometry.Items("Points").Select(Point).OfType<GeoPoint>().Select(p => new BoundingBox(p.Lon, p.Lat, p.Lon, p.Lat)).Where(b => b.IsValid).ToList();
        var parts = boxes.Count > 0 ? boxes : points;
        if (parts.Count == 0)
        {
            return null;
        }
        // Boxes split at the antimeridian are not merged across it: the first such box stands for them.
        return parts.Any(b => b.CrossesAntimeridian)
            ? new GroundFootprint(parts.First(b => b.CrossesAntimeridian))
            : new GroundFootprint(new BoundingBox(parts.Min(b => b.West), parts.Min(b => b.South), parts.Max(b => b.East), parts.Max(b => b.North)));
    }

    private static GeoPoint? Point(JsonElement p) =>
        p.Number("Longitude") is { } lon && p.Number("Latitude") is { } lat ? new GeoPoint(lon, lat) : null;

    /// <summary>The GCMD science keywords' terms and variables, from broad to fine, each once.</summary>
    private static IReadOnlyList<string> Keywords(JsonElement umm)
    {
        var text = CultureInfo.InvariantCulture.TextInfo;
        var words = umm.Items("ScienceKeywords")
            .SelectMany(k => new[] { k.Text("Topic"), k.Text("Term"), k.Text("VariableLevel1"), k.Text("VariableLevel2"), k.Text("VariableLevel3"), k.Text("DetailedVariable") })
            .OfType<string>().Select(w => text.ToTitleCase(w.ToLowerInvariant()));
        return words.Concat(umm.Items("AncillaryKeywords").Select(k => k.ValueKind == JsonValueKind.String ? k.GetString() : null).OfType<string>())
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private enum UrlRole
    {
        Other,
        Data,
        Browse,
        Documentation,
        Landing,
    }

    private sealed record RelatedUrl(string Url, UrlRole Role, string? Description, string? Format);

    /// <summary>
    /// A related URL by its UMM type: GET DATA (not the in-region S3 copies) is data, GET RELATED VISUALIZATION a
    /// browse image, a landing page is the landing page, and documentation and related information are documentation.
    /// </summary>
    private static RelatedUrl? Related(JsonElement u)
    {
        var url = u.Text("URL");
        if (!RecordValidator.IsHttpUrl(url))
        {
            return null;
        }
        var type = u.Text("Type")?.ToUpperInvariant() ?? "";
        var role = type switch
        {
            "GET DATA" or "DOWNLOAD SOFTWARE" => UrlRole.Data,
            "GET RELATED VISUALIZATION" or "THUMBNAIL" => UrlRole.Browse,
            "DATA SET LANDING PAGE" => UrlRole.Landing,
            _ when u.Text("URLContentType") == "PublicationURL" || type is "VIEW RELATED INFORMATION" or "USER'S GUIDE" or "GENERAL DOCUMENTATION" => UrlRole.Documentation,
            _ => UrlRole.Other,
        };
        var format = MediaTypes.Normalise(u.Text("MimeType")) ?? MediaTypes.Normalise(u.Text("GetData", "MimeType")) ?? (role == UrlRole.Data ? MediaTypes.OfFileName(FileName(url!)) : null);
        return new RelatedUrl(url!, role, u.Text("Description"), format);
    }

    private static string FileName(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? Path.GetFileName(u.AbsolutePath) : "";

    private static string Describe(bool granule, string? mission, TimeRange? time, JsonElement umm)
    {
        var what = granule ? $"{umm.Text("CollectionReference", "ShortName") ?? "CMR"} granule" : "CMR collection";
        var when = time?.Start is { } s ? $" from {s.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "";
        return $"{(mission is null ? "" : mission + " ")}{what}{when}.";
    }

    private HarvestFailure Fail(string where, string reason, JsonElement native) =>
        new(where, $"{sourceTitle}: {reason}", Http.SourceClient.Sample(native.GetRawText()));
}
