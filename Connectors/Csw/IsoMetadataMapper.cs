using System.Globalization;
using System.Xml.Linq;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Csw;

/// <summary>
/// Maps ISO 19139 metadata (<c>gmd:MD_Metadata</c>, or <c>gmi:MI_Metadata</c> with its acquisition information)
/// to a record: the file identifier, the citation's title, dates and identifiers (a DOI), the abstract, keywords,
/// the hierarchy level (dataset, series, service), the geographic box and the time period of the extent, the
/// platform and instruments, online resources and formats, responsible parties, and legal constraints.
/// </summary>
public sealed class IsoMetadataMapper(string sourceId, string sourceTitle, string domain, TimeProvider clock)
{
    public static readonly XNamespace Gmd = "http://www.isotc211.org/2005/gmd";
    public static readonly XNamespace Gco = "http://www.isotc211.org/2005/gco";
    public static readonly XNamespace Gmi = "http://www.isotc211.org/2005/gmi";
    public static readonly XNamespace Gmx = "http://www.isotc211.org/2005/gmx";

    public string RecordId(string fileIdentifier) => $"{sourceId}:{fileIdentifier}";

    /// <summary>The file identifier of a metadata document, the native id.</summary>
    public static string? FileIdentifier(XElement metadata) => Text(metadata.Element(Gmd + "fileIdentifier"));

    public (AssetRecord? Record, HarvestFailure? Failure) Map(XElement metadata, string where)
    {
        if (FileIdentifier(metadata) is not { } fileId)
        {
            return (null, Fail(where, "the metadata has no fileIdentifier", metadata));
        }
        var identification = metadata.Element(Gmd + "identificationInfo")?.Elements().FirstOrDefault();
        var citation = identification?.Element(Gmd + "citation")?.Element(Gmd + "CI_Citation");
        var title = Text(citation?.Element(Gmd + "title"));
        if (title is null)
        {
            return (null, Fail(where, $"{fileId} has no citation title", metadata));
        }
        var level = metadata.Element(Gmd + "hierarchyLevel")?.Element(Gmd + "MD_ScopeCode")?.Attribute("codeListValue")?.Value
            ?? (identification?.Name.LocalName == "SV_ServiceIdentification" ? "service" : "dataset");
        var keywords = identification?.Elements(Gmd + "descriptiveKeywords").SelectMany(d => d.Descendants(Gmd + "keyword")).Select(Text).OfType<string>().Distinct().ToList() ?? [];
        var extent = identification?.Descendants(Gmd + "EX_Extent").ToList() ?? [];
        var dates = citation?.Elements(Gmd + "date").Select(d => d.Element(Gmd + "CI_Date")).OfType<XElement>()
            .Select(d => (Type: d.Element(Gmd + "dateType")?.Element(Gmd + "CI_DateTypeCode")?.Attribute("codeListValue")?.Value, When: Time(d.Element(Gmd + "date")))).ToList() ?? [];
        var stamp = Time(metadata.Element(Gmd + "dateStamp"));
        var doi = citation?.Elements(Gmd + "identifier").Select(i => Text(i.Descendants(Gmd + "code").FirstOrDefault())).OfType<string>()
            .Select(c => c.Contains("10.", StringComparison.Ordinal) ? DoiName.Strip(c) : null).FirstOrDefault(d => d is not null);
        var acquisition = metadata.Element(Gmi + "acquisitionInformation")?.Element(Gmi + "MI_AcquisitionInformation");
        var platform = acquisition?.Descendants(Gmi + "MI_Platform").Select(p => Code(p.Element(Gmi + "identifier")) ?? Code(p.Element(Gmi + "description"))).FirstOrDefault(p => p is not null);
        var instruments = acquisition?.Descendants(Gmi + "MI_Instrument").Select(i => Code(i.Element(Gmi + "identifier")) ?? Code(i.Element(Gmi + "type"))).OfType<string>().Distinct().ToList() ?? [];
        var online = metadata.Element(Gmd + "distributionInfo")?.Descendants(Gmd + "CI_OnlineResource")
            .Select(o => (Url: o.Element(Gmd + "linkage")?.Element(Gmd + "URL")?.Value.Trim(), Name: Text(o.Element(Gmd + "name")) ?? Text(o.Element(Gmd + "protocol"))))
            .Where(o => RecordValidator.IsHttpUrl(o.Url)).DistinctBy(o => o.Url).ToList() ?? [];
        var formats = metadata.Element(Gmd + "distributionInfo")?.Descendants(Gmd + "MD_Format").Select(f => Text(f.Element(Gmd + "name"))).OfType<string>()
            .Select(MediaTypes.Normalise).OfType<string>().Distinct().ToList() ?? [];
        var parties = citation?.Elements(Gmd + "citedResponsibleParty").Concat(identification?.Elements(Gmd + "pointOfContact") ?? [])
            .Select(p => p.Element(Gmd + "CI_ResponsibleParty")).OfType<XElement>()
            .Select(p => Text(p.Element(Gmd + "individualName")) ?? Text(p.Element(Gmd + "organisationName"))).OfType<string>().Distinct().ToList() ?? [];
        var constraints = identification?.Elements(Gmd + "resourceConstraints").SelectMany(c => c.Descendants(Gmd + "otherConstraints").Concat(c.Descendants(Gmd + "useLimitation")))
            .Select(Text).OfType<string>().ToList() ?? [];
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["file identifier"] = fileId, ["hierarchy level"] = level };
        if (Text(metadata.Element(Gmd + "parentIdentifier")) is { } parent)
        {
            details["parent identifier"] = parent;
        }
        if (platform is not null)
        {
            details["platform"] = platform;
        }
        var time = TimePeriod(extent);
        var record = new AssetRecord
        {
            Id = RecordId(fileId),
            SourceId = sourceId,
            Title = title,
            Description = Text(identification?.Element(Gmd + "abstract")) ?? "",
            Domain = domain,
            Mission = platform,
            Instruments = instruments,
            AssetType = level switch
            {
                "series" => AssetType.Collection,
                "service" => AssetType.Service,
                "software" or "application" => AssetType.Software,
                _ => AssetType.Dataset,
            },
            Keywords = keywords,
            Authors = parties.Select(p => new Person(p)).ToList(),
            License = constraints.FirstOrDefault(),
            Doi = doi,
            LandingPage = online.Select(o => o.Url).FirstOrDefault(),
            Access = online.Select(o => new AccessLink(o.Url!, o.Name)).ToList(),
            Formats = formats,
            Ground = Box(extent),
            Time = time,
            Published = dates.Where(d => d.Type is "publication" or "revision" or "creation").Select(d => d.When).FirstOrDefault(d => d is not null) ?? stamp,
            Details = details,
            HarvestedAt = clock.GetUtcNow(),
            NativeHash = NativeHash.Of(metadata.ToString(SaveOptions.DisableFormatting)),
        };
        return (record, null);
    }

    /// <summary>A CharacterString, an Anchor, or a gmx:FileName under an element, trimmed; null when empty.</summary>
    private static string? Text(XElement? element) =>
        element?.Elements().FirstOrDefault(e => e.Name == Gco + "CharacterString" || e.Name == Gmx + "Anchor" || e.Name == Gmx + "FileName")?.Value.Trim() is { Length: > 0 } v ? v : null;

    /// <summary>An identifier's code (an MD_Identifier), or its own text where a writer put the code there directly.</summary>
    private static string? Code(XElement? identifier) =>
        Text(identifier?.Descendants(Gmd + "code").FirstOrDefault())
        ?? (identifier is { HasElements: false } && identifier.Value.Trim() is { Length: > 0 } plain ? plain : null);

    private static DateTimeOffset? Time(XElement? element) =>
        JsonFields.ParseTime(element?.Element(Gco + "DateTime")?.Value ?? element?.Element(Gco + "Date")?.Value);

    private static GroundFootprint? Box(IEnumerable<XElement> extents)
    {
        foreach (var box in extents.SelectMany(e => e.Descendants(Gmd + "EX_GeographicBoundingBox")))
        {
            double? Side(string name) => double.TryParse(box.Element(Gmd + name)?.Element(Gco + "Decimal")?.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
            if (Side("westBoundLongitude") is { } w && Side("southBoundLatitude") is { } s && Side("eastBoundLongitude") is { } e && Side("northBoundLatitude") is { } n
                && new BoundingBox(w, s, e, n) is { IsValid: true } b)
            {
                return new GroundFootprint(b);
            }
        }
        return null;
    }

    /// <summary>The extent's time period (GML 3.1 or 3.2 beginPosition and endPosition); an empty end is open.</summary>
    private static TimeRange? TimePeriod(IEnumerable<XElement> extents)
    {
        var period = extents.SelectMany(e => e.Descendants(Gmd + "EX_TemporalExtent")).SelectMany(t => t.Descendants()).FirstOrDefault(d => d.Name.LocalName == "TimePeriod");
        if (period is null)
        {
            return null;
        }
        var begin = JsonFields.ParseTime(period.Elements().FirstOrDefault(e => e.Name.LocalName == "beginPosition")?.Value);
        var end = JsonFields.ParseTime(period.Elements().FirstOrDefault(e => e.Name.LocalName == "endPosition")?.Value);
        return begin is null && end is null ? null : new TimeRange(begin, end is { } x && begin is { } y && x < y ? begin : end);
    }

    private HarvestFailure Fail(string where, string reason, XElement native) =>
        new(where, $"{sourceTitle}: {reason}", Http.SourceClient.Sample(native.ToString(SaveOptions.DisableFormatting)));
}
