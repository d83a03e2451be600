using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.OpenSearch;

/// <summary>
/// Maps OpenSearch results, Atom entries (OGC 13-026) or GeoJSON features (OGC 17-047 and the resto
/// dialect), to observation assets: identifier, title, summary, the georss or GeoJSON footprint, the
/// acquisition time, platform and instrument to mission and instrument, enclosure links to access and
/// alternate or via links to the landing page.
/// </summary>
public sealed class OpenSearchMapper(string sourceId, string sourceTitle, string domain, MissionVocabulary missions, TimeProvider clock)
{
    private static readonly XNamespace Atom = OpenSearchNamespaces.Atom;

    public (AssetRecord? Record, HarvestFailure? Failure) MapAtom(XElement entry, string where)
    {
        var native = Child(entry, "identifier") ?? (string?)entry.Element(Atom + "id");
        var title = ((string?)entry.Element(Atom + "title"))?.Trim();
        if (string.IsNullOrWhiteSpace(native) || string.IsNullOrWhiteSpace(title))
        {
            return (null, Fail(where, "the entry has no identifier or no title", entry.ToString(SaveOptions.DisableFormatting)));
        }
        var (start, end) = Times(Child(entry, "date") ?? (string?)entry.Element(Atom + "published"));
        var ground = GeoRss(entry, out var footprintProblem);
        if (footprintProblem is not null)
        {
            return (null, Fail(where, $"entry {native}: {footprintProblem}", entry.ToString(SaveOptions.DisableFormatting)));
        }
        var links = entry.Elements(Atom + "link").ToList();
        var access = links.Where(l => (string?)l.Attribute("rel") == "enclosure")
            .Select(l => Link((string?)l.Attribute("href"), (string?)l.Attribute("title"), (string?)l.Attribute("type"), (long?)l.Attribute("length"), null))
            .OfType<AccessLink>().ToList();
        var landing = links.Where(l => (string?)l.Attribute("rel") is "alternate" or "via").Select(l => (string?)l.Attribute("href")).FirstOrDefault(RecordValidator.IsHttpUrl);
        var summary = entry.Element(Atom + "summary") is { } s ? Summary(s.Value, (string?)s.Attribute("type")) : ("", null);
        var details = new Dictionary<string, string>();
        Put(details, "cloud cover (%)", Child(entry, "cloudCover"));
        Put(details, "product type", Child(entry, "productType"));
        Put(details, "processing level", Child(entry, "processingLevel"));
        Put(details, "orbit direction", Child(entry, "orbitDirection"));
        Put(details, "format", Child(entry, "format"));
        var formats = access.Select(a => a.Format).Append(MediaTypes.Normalise(Child(entry, "format"))).OfType<string>().Distinct().ToList();
        var record = Build(native!, title!, summary, Child(entry, "platform") ?? Child(entry, "platformShortName"), Child(entry, "instrument") ?? Child(entry, "instrumentShortName"),
            start, end, ground, access, formats, landing, Time((string?)entry.Element(Atom + "updated")) ?? Time((string?)entry.Element(Atom + "published")), details,
            AtomQuicklook(entry, links), NativeHash.Of(entry.ToString(SaveOptions.DisableFormatting)));
        return (record, null);
    }

    public (AssetRecord? Record, HarvestFailure? Failure) MapGeoJson(JsonElement feature, string where)
    {
        if (feature.ValueKind != JsonValueKind.Object || feature.At("properties") is not { } p)
        {
            return (null, Fail(where, "the feature has no properties", feature.GetRawText()));
        }
        var native = p.Text("identifier") ?? p.Text("productIdentifier") ?? feature.Text("id");
        var title = p.Text("title") ?? native;
        if (native is null || title is null)
        {
            return (null, Fail(where, "the feature has no identifier", feature.GetRawText()));
        }
        var (start, end) = p.Text("date") is { } date ? Times(date) : (p.Time("startDate") ?? p.Time("start"), p.Time("completionDate") ?? p.Time("end"));
        var acquisition = p.Items("acquisitionInformation").FirstOrDefault();
        var platform = p.Text("platform") ?? (acquisition.ValueKind == JsonValueKind.Object ? acquisition.Text("platform", "platformShortName") : null);
        var instrument = p.Text("instrument") ?? (acquisition.ValueKind == JsonValueKind.Object ? acquisition.Text("instrument", "instrumentShortName") : null);
        var access = new List<AccessLink>();
        if (p.At("services", "download") is { } download
            && Link(download.Text("url"), "download", download.Text("mimeType"), download.Integer("size"), download.Text("checksum")) is { } d)
        {
            access.Add(d);
        }
        access.AddRange(p.Items("links", "data").Select(l => Link(l.Text("href"), l.Text("title"), l.Text("type"), l.Integer("length"), null)).OfType<AccessLink>());
        var landing = p.Items("links").Concat(p.Items("links", "alternates")).Where(l => l.Text("rel") is null or "alternate")
            .Select(l => l.Text("href")).FirstOrDefault(RecordValidator.IsHttpUrl);
        var details = new Dictionary<string, string>();
        Put(details, "cloud cover (%)", p.Text("cloudCover") ?? p.Text("productInformation", "cloudCover"));
        Put(details, "product type", p.Text("productType") ?? p.Text("productInformation", "productType"));
        Put(details, "processing level", p.Text("processingLevel") ?? p.Text("productInformation", "processingLevel"));
        Put(details, "orbit direction", p.Text("orbitDirection"));
        Put(details, "collection", p.Text("collection") ?? p.Text("parentIdentifier"));
        var summary = (p.Text("description") ?? p.Text("abstract") ?? "", (string?)null);
        var record = Build(native, title, summary, platform, instrument, start, end, GeoJsonFootprint.Of(feature.At("geometry"), feature.At("bbox")),
            access, access.Select(a => a.Format).OfType<string>().Distinct().ToList(), landing, p.Time("updated") ?? p.Time("published"), details,
            GeoJsonQuicklook(p), NativeHash.Of(feature.GetRawText()));
        return (record, null);
    }

    private AssetRecord Build(string native, string title, (string Text, string? Html) summary, string? platform, string? instrument, DateTimeOffset? start, DateTimeOffset? end,
        GroundFootprint? ground, IReadOnlyList<AccessLink> access, IReadOnlyList<string> formats, string? landing, DateTimeOffset? updated,
        Dictionary<string, string> details, Quicklook? quicklook, string hash)
    {
        var mission = missions.Resolve(platform);
        if (platform is not null)
        {
            details["platform"] = platform;
        }
        return new AssetRecord
        {
            Id = $"{sourceId}:{native}",
            SourceId = sourceId,
            Title = title,
            Description = summary.Text.Length > 0 ? summary.Text : $"{mission?.Name ?? platform ?? "Earth observation"} product {native}.",
            DescriptionHtml = summary.Html,
            Domain = mission?.Domain ?? domain,
            Mission = mission?.Name,
            MissionFamily = mission?.Family,
            Platform = platform,
            Instruments = instrument is null ? [] : [instrument.ToUpperInvariant()],
            AssetType = AssetType.Observation,
            ProductTypes = ["scene"],
            Formats = formats,
            Access = access,
            Quicklook = quicklook,
            LandingPage = landing,
            Ground = ground,
            Time = start is null && end is null ? null : new TimeRange(start, end ?? start),
            Published = updated ?? start,
            Details = details,
            HarvestedAt = clock.GetUtcNow(),
            NativeHash = hash,
        };
    }

    /// <summary>
    /// An entry's picture: a Media RSS <c>media:content</c> or <c>media:thumbnail</c> (Mundi files its small one under the
    /// category THUMBNAIL and its larger one under QUICKLOOK), else a <c>link rel="icon"</c> (OGC 13-026's quicklook).
    /// The smaller picture is taken first, since pages show it at list size.
    /// </summary>
    private static Quicklook? AtomQuicklook(XElement entry, List<XElement> links)
    {
        var media = entry.Descendants().Where(e => e.Name == OpenSearchNamespaces.Media + "content" || e.Name == OpenSearchNamespaces.Media + "thumbnail")
            .Select(e => (Element: e, Category: e.Element(OpenSearchNamespaces.Media + "category")?.Value.Trim().ToUpperInvariant()))
            .Select(m => Quicklook.From((string?)m.Element.Attribute("url"), m.Category == "QUICKLOOK" ? QuicklookRole.Overview : QuicklookRole.Thumbnail,
                (string?)m.Element.Attribute("type"), Length(m.Element.Attribute("fileSize"))))
            .OfType<Quicklook>()
            .ToList();
        var icons = links.Where(l => (string?)l.Attribute("rel") == "icon")
            .Select(l => Quicklook.From((string?)l.Attribute("href"), QuicklookRole.Thumbnail, (string?)l.Attribute("type"), Length(l.Attribute("length"))))
            .OfType<Quicklook>();
        return media.FirstOrDefault(q => q.Role == QuicklookRole.Thumbnail) ?? media.FirstOrDefault() ?? icons.FirstOrDefault();
    }

    /// <summary>A size attribute as a number, or null when it is missing or is not one (a picture's size is only a hint).</summary>
    private static long? Length(XAttribute? attribute) =>
        long.TryParse((string?)attribute, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// A feature's picture: resto's (PEPS) <c>thumbnail</c> and <c>quicklook</c> properties, else OGC 17-047's
    /// <c>links.previews</c> or a link with <c>rel</c> <c>icon</c>.
    /// </summary>
    private static Quicklook? GeoJsonQuicklook(JsonElement p) =>
        Quicklook.From(p.Text("thumbnail"), QuicklookRole.Thumbnail)
        ?? Quicklook.From(p.Text("quicklook"), QuicklookRole.Overview)
        ?? p.Items("links", "previews").Concat(p.Items("links").Where(l => l.Text("rel") == "icon"))
            .Select(l => Quicklook.From(l.Text("href"), QuicklookRole.Thumbnail, l.Text("type"), l.Integer("length")))
            .FirstOrDefault(q => q is not null);

    /// <summary>georss:polygon is "lat lon lat lon ..."; georss:box is "south west north east".</summary>
    private static GroundFootprint? GeoRss(XElement entry, out string? problem)
    {
        problem = null;
        var polygon = entry.Element(OpenSearchNamespaces.GeoRss + "polygon")?.Value;
        var box = entry.Element(OpenSearchNamespaces.GeoRss + "box")?.Value;
        if (polygon is not null)
        {
            var n = Numbers(polygon);
            if (n is null || n.Count < 6 || n.Count % 2 != 0)
            {
                problem = $"georss:polygon '{Short(polygon)}' is not a list of lat lon pairs";
                return null;
            }
            var points = Enumerable.Range(0, n.Count / 2).Select(i => new GeoPoint(n[2 * i + 1], n[2 * i])).ToList();
            var footprint = GroundFootprint.FromPolygon(points);
            if (!footprint.Box.IsValid)
            {
                problem = $"georss:polygon '{Short(polygon)}' is outside the Earth (lat -90..90, lon -180..180)";
                return null;
            }
            return footprint;
        }
        if (box is not null)
        {
            var n = Numbers(box);
            if (n is not { Count: 4 } || !new BoundingBox(n[1], n[0], n[3], n[2]).IsValid)
            {
                problem = $"georss:box '{Short(box)}' is not 'south west north east' in degrees";
                return null;
            }
            return new GroundFootprint(new BoundingBox(n[1], n[0], n[3], n[2]));
        }
        return null;
    }

    private static List<double>? Numbers(string text)
    {
        var list = new List<double>();
        foreach (var part in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return null;
            }
            list.Add(d);
        }
        return list;
    }

    /// <summary>A time or a "start/end" interval, as dc:date and the GeoJSON date property write it.</summary>
    private static (DateTimeOffset? Start, DateTimeOffset? End) Times(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }
        var parts = text.Split('/');
        return (Time(parts[0]), Time(parts.Length > 1 ? parts[1] : parts[0]));
    }

    private static DateTimeOffset? Time(string? text) => JsonFields.ParseTime(text);

    private static (string Text, string? Html) Summary(string value, string? type) =>
        type is "html" or "xhtml" ? HtmlSanitiser.Sanitise(value) is var (html, text) ? (text, html) : ("", null) : (value.Trim(), null);

    /// <summary>The first descendant with this local name, whatever its namespace (eo, dc, or a provider's own).</summary>
    private static string? Child(XElement entry, string localName) =>
        entry.Elements().FirstOrDefault(e => e.Name.LocalName == localName && e.Name.Namespace != OpenSearchNamespaces.Atom)?.Value.Trim() is { Length: > 0 } v ? v : null;

    private static AccessLink? Link(string? href, string? title, string? type, long? size, string? checksum) =>
        RecordValidator.IsHttpUrl(href) ? new AccessLink(href!, title, MediaTypes.Normalise(type), size, checksum) : null;

    private static void Put(Dictionary<string, string> details, string key, string? value)
    {
        if (value is not null)
        {
            details[key] = value;
        }
    }

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "…";

    private HarvestFailure Fail(string where, string reason, string native) =>
        new(where, $"{sourceTitle}: {reason}", Http.SourceClient.Sample(native));
}
