using System.Xml.Linq;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.OaiPmh;

/// <summary>
/// One OAI-PMH record mapped: a record, or the id the header marks deleted, or why it could not be read; with its
/// id and datestamp either way. A record that is not data (an IVOA authority or organisation) maps to none of them.
/// </summary>
public sealed record OaiPmhEntry(AssetRecord? Record, string? WithdrawnId, HarvestFailure? Failure, string? Id, DateTimeOffset? Datestamp);

/// <summary>
/// Maps OAI-PMH records onto records. Dublin Core: title, description, creators, subjects to keywords, a DOI or
/// URL among the identifiers, rights, and the type to the asset type. VOResource (<c>ivo_vor</c>): title, short
/// name, the IVOA identifier, curation (creators, publisher), content (subjects, description, reference URL), the
/// resource type to the asset type, and the interfaces' access URLs (not the VOSI ones) to access links.
/// The header's datestamp is the record's date; its identifier, within the source, its id.
/// </summary>
public sealed class OaiPmhMapper(string sourceId, string sourceTitle, string domain, TimeProvider clock)
{
    private static readonly XNamespace Oai = OaiPmhConnector.Oai;
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public string RecordId(string identifier) => $"{sourceId}:{identifier}";

    public OaiPmhEntry Map(XElement record, string where)
    {
        var header = record.Element(Oai + "header");
        var identifier = header?.Element(Oai + "identifier")?.Value.Trim();
        if (string.IsNullOrEmpty(identifier))
        {
            return new(null, null, Fail(where, "the record's header has no identifier", record), null, null);
        }
        var id = RecordId(identifier);
        var datestamp = JsonFields.ParseTime(header!.Element(Oai + "datestamp")?.Value);
        if ((string?)header.Attribute("status") == "deleted")
        {
            return new(null, id, null, id, datestamp);
        }
        var metadata = record.Element(Oai + "metadata")?.Elements().FirstOrDefault();
        if (metadata is { Name.LocalName: "Resource" } r && (string?)r.Attribute("status") is "deleted" or "inactive")
        {
            return new(null, id, null, id, datestamp);
        }
        // oai_datacite wraps the DataCite resource in a payload; the "datacite" format gives it bare.
        var dataCite = metadata?.Name.LocalName switch
        {
            "oai_datacite" => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "payload")?.Elements().FirstOrDefault(e => e.Name.LocalName == "resource"),
            "resource" when metadata.Name.NamespaceName.StartsWith("http://datacite.org/schema/kernel-", StringComparison.Ordinal) => metadata,
            _ => null,
        };
        if (metadata is null || (dataCite is null && metadata.Name.LocalName is not ("dc" or "Resource")))
        {
            return new(null, null, Fail(where, $"{identifier}: no oai_dc, DataCite or VOResource metadata in the record", record), id, datestamp);
        }
        var mapped = dataCite is not null ? DataCiteResource(dataCite, id, identifier, datestamp)
            : metadata.Name.LocalName == "dc" ? DublinCore(metadata, id, identifier, datestamp) : VoResource(metadata, id, identifier, datestamp);
        if (mapped is null)
        {
            return new(null, null, null, null, datestamp); // not data: an authority or an organisation
        }
        return mapped.Title.Length == 0
            ? new(null, null, Fail(where, $"{identifier} has no title", record), id, datestamp)
            : new(mapped, null, null, id, datestamp);
    }

    private AssetRecord DublinCore(XElement dc, string id, string identifier, DateTimeOffset? datestamp)
    {
        List<string> All(string name) => dc.Elements(Dc + name).Select(e => e.Value.Trim()).Where(v => v.Length > 0).ToList();
        var identifiers = All("identifier");
        var doi = identifiers.Select(i => i.StartsWith("10.", StringComparison.Ordinal) || i.Contains("doi.org/10.", StringComparison.OrdinalIgnoreCase) || i.StartsWith("doi:", StringComparison.OrdinalIgnoreCase) ? DoiName.Strip(i) : null).OfType<string>().FirstOrDefault();
        var type = string.Join(' ', All("type")).ToLowerInvariant();
        return new AssetRecord
        {
            Id = id,
            SourceId = sourceId,
            Title = All("title").FirstOrDefault() ?? "",
            Description = string.Join("\n\n", All("description")),
            Domain = domain,
            AssetType = type.Contains("software", StringComparison.Ordinal) ? AssetType.Software
                : type.Contains("service", StringComparison.Ordinal) ? AssetType.Service
                : type.Contains("text", StringComparison.Ordinal) || type.Contains("article", StringComparison.Ordinal) || type.Contains("publication", StringComparison.Ordinal) ? AssetType.Document
                : AssetType.Dataset,
            Authors = All("creator").Select(c => new Person(c)).ToList(),
            Keywords = All("subject"),
            License = All("rights").FirstOrDefault(),
            Doi = doi,
            LandingPage = identifiers.FirstOrDefault(RecordValidator.IsHttpUrl),
            Formats = All("format").Select(MediaTypes.Normalise).OfType<string>().Distinct().ToList(),
            Published = datestamp,
            Details = Details(("OAI identifier", identifier), ("publisher", All("publisher").FirstOrDefault())),
            HarvestedAt = clock.GetUtcNow(),
            NativeHash = NativeHash.Of(dc.ToString(SaveOptions.DisableFormatting)),
        };
    }

    /// <summary>
    /// A DataCite kernel-4 resource: DOI, titles, creators with affiliations, subjects, the resource type, dates
    /// (Issued is the publication; Collected or Coverage a time range), rights, formats, descriptions, versions and
    /// geolocations (a box or a point on the ground).
    /// </summary>
    private AssetRecord DataCiteResource(XElement resource, string id, string identifier, DateTimeOffset? datestamp)
    {
        var k = resource.Name.Namespace;
        IEnumerable<XElement> Under(string list, string item) => resource.Element(k + list)?.Elements(k + item) ?? [];
        string? Text(XElement? e) => e?.Value.Trim() is { Length: > 0 } v ? v : null;
        var doi = resource.Element(k + "identifier") is { } i && ((string?)i.Attribute("identifierType"))?.Equals("DOI", StringComparison.OrdinalIgnoreCase) == true ? DoiName.Strip(i.Value.Trim()) : null;
        var titles = Under("titles", "title").ToList();
        var title = Text(titles.FirstOrDefault(t => t.Attribute("titleType") is null) ?? titles.FirstOrDefault()) ?? "";
        var subtitle = Text(titles.FirstOrDefault(t => (string?)t.Attribute("titleType") == "Subtitle"));
        var generalType = ((string?)resource.Element(k + "resourceType")?.Attribute("resourceTypeGeneral"))?.ToLowerInvariant() ?? "";
        var dates = Under("dates", "date").Select(d => (Type: (string?)d.Attribute("dateType"), Value: d.Value.Trim())).ToList();
        DateTimeOffset? Start(string value) => JsonFields.ParseTime(value.Split('/')[0]) ?? (int.TryParse(value.Split('/')[0].Split('-')[0], out var y) && y is > 0 and < 10000 ? new DateTimeOffset(y, 1, 1, 0, 0, 0, TimeSpan.Zero) : null);
        var issued = dates.Where(d => d.Type == "Issued").Select(d => Start(d.Value)).FirstOrDefault()
            ?? (int.TryParse(Text(resource.Element(k + "publicationYear")), out var year) && year is > 0 and < 10000 ? new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero) : null);
        var covered = dates.FirstOrDefault(d => d.Type is "Collected" or "Coverage" or "Valid");
        var rights = Under("rightsList", "rights").ToList();
        var location = Under("geoLocations", "geoLocation").FirstOrDefault();
        var description = Under("descriptions", "description").ToList();
        var details = Details(("OAI identifier", identifier), ("publisher", Text(resource.Element(k + "publisher"))), ("version", Text(resource.Element(k + "version"))),
            ("resource type", Text(resource.Element(k + "resourceType")) ?? (generalType.Length == 0 ? null : generalType)), ("subtitle", subtitle),
            ("place", Text(location?.Element(k + "geoLocationPlace"))), ("size", string.Join(", ", Under("sizes", "size").Select(Text).OfType<string>())));
        return new AssetRecord
        {
            Id = id,
            SourceId = sourceId,
            Title = title,
            Description = Text(description.FirstOrDefault(d => (string?)d.Attribute("descriptionType") == "Abstract") ?? description.FirstOrDefault()) ?? "",
            Domain = domain,
            AssetType = generalType switch
            {
                "software" or "computationalnotebook" => AssetType.Software,
                "service" or "workflow" => AssetType.Service,
                "text" or "journalarticle" or "preprint" or "report" or "book" or "conferencepaper" => AssetType.Document,
                "collection" => AssetType.Collection,
                _ => AssetType.Dataset,
            },
            Authors = Under("creators", "creator").Select(c => (Name: Text(c.Element(k + "creatorName")), Affiliation: Text(c.Element(k + "affiliation")),
                    Orcid: Text(c.Elements(k + "nameIdentifier").FirstOrDefault(n => ((string?)n.Attribute("nameIdentifierScheme"))?.Equals("ORCID", StringComparison.OrdinalIgnoreCase) == true))))
                .Where(c => c.Name is not null).Select(c => new Person(c.Name!, c.Orcid, c.Affiliation)).ToList(),
            Keywords = Under("subjects", "subject").Select(Text).OfType<string>().ToList(),
            License = Text(rights.FirstOrDefault(r => r.Attribute("rightsIdentifier") is not null)) ?? Text(rights.FirstOrDefault()),
            Doi = doi,
            LandingPage = doi is null ? null : $"https://doi.org/{doi}",
            Formats = Under("formats", "format").Select(f => MediaTypes.Normalise(f.Value.Trim())).OfType<string>().Distinct().ToList(),
            Time = covered.Value is { } span && Start(span) is { } from ? new TimeRange(from, span.Contains('/', StringComparison.Ordinal) ? Start(span.Split('/')[1]) : from) : null,
            Ground = location is null ? null : DataCiteGround(location, k),
            Published = issued ?? datestamp,
            Details = details,
            HarvestedAt = clock.GetUtcNow(),
            NativeHash = NativeHash.Of(resource.ToString(SaveOptions.DisableFormatting)),
        };
    }

    private static GroundFootprint? DataCiteGround(XElement location, XNamespace k)
    {
        double? N(XElement? parent, string name) =>
            double.TryParse(parent?.Element(k + name)?.Value.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
        var box = location.Element(k + "geoLocationBox");
        if (N(box, "westBoundLongitude") is { } w && N(box, "southBoundLatitude") is { } s && N(box, "eastBoundLongitude") is { } e && N(box, "northBoundLatitude") is { } n)
        {
            var b = new BoundingBox(w, s, e, n);
            return b.IsValid ? new GroundFootprint(b) : null;
        }
        var point = location.Element(k + "geoLocationPoint");
        if (N(point, "pointLongitude") is { } lon && N(point, "pointLatitude") is { } lat)
        {
            var p = new BoundingBox(lon, lat, lon, lat);
            return p.IsValid ? new GroundFootprint(p) : null;
        }
        return null;
    }

    private AssetRecord? VoResource(XElement resource, string id, string identifier, DateTimeOffset? datestamp)
    {
        var type = ((string?)resource.Attribute(Xsi + "type"))?.Split(':')[^1] ?? "";
        var assetType = type switch
        {
            "Authority" or "Organisation" => (AssetType?)null,
            "CatalogResource" or "DataCollection" => AssetType.Collection,
            "Resource" => AssetType.Dataset,
            _ => AssetType.Service, // registries, catalogue and data services, applications
        };
        if (assetType is null)
        {
            return null;
        }
        string? One(params string[] path) => path.Aggregate((XElement?)resource, (e, name) => e?.Element(name))?.Value.Trim() is { Length: > 0 } v ? v : null;
        var content = resource.Element("content");
        var access = resource.Elements("capability")
            .Where(c => !((string?)c.Attribute("standardID") ?? "").Contains("VOSI", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Elements("interface").SelectMany(i => i.Elements("accessURL")).Select(u => (Url: u.Value.Trim(), Standard: (string?)c.Attribute("standardID"))))
            .Where(u => RecordValidator.IsHttpUrl(u.Url)).DistinctBy(u => u.Url)
            .Select(u => new AccessLink(u.Url, u.Standard)).ToList();
        // VOResource names the facilities and instruments of a resource; one facility is its mission.
        var facilities = resource.Elements("facility").Select(f => f.Value.Trim()).Where(f => f.Length > 0).Distinct().ToList();
        var instruments = resource.Elements("instrument").Select(i => i.Value.Trim()).Where(i => i.Length > 0).Distinct().ToList();
        return new AssetRecord
        {
            Id = id,
            SourceId = sourceId,
            Title = One("title") ?? "",
            Description = content?.Element("description")?.Value.Trim() ?? "",
            Domain = domain,
            AssetType = assetType.Value,
            Authors = resource.Element("curation")?.Elements("creator").Select(c => c.Element("name")?.Value.Trim()).OfType<string>().Where(n => n.Length > 0).Select(n => new Person(n)).ToList() ?? [],
            Keywords = [.. content?.Elements("subject").Select(s => s.Value.Trim()).Where(s => s.Length > 0) ?? [], .. facilities.Count > 1 ? facilities : []],
            Mission = facilities is [var only] ? only : null,
            Instruments = instruments,
            License = One("rights"),
            LandingPage = content?.Element("referenceURL")?.Value.Trim() is { } reference && RecordValidator.IsHttpUrl(reference) ? reference : null,
            Access = access,
            Published = datestamp,
            Details = Details(("IVOA identifier", One("identifier") ?? identifier), ("short name", One("shortName")), ("resource type", type), ("publisher", One("curation", "publisher")), ("facilities", facilities.Count == 0 ? null : string.Join(", ", facilities))),
            HarvestedAt = clock.GetUtcNow(),
            NativeHash = NativeHash.Of(resource.ToString(SaveOptions.DisableFormatting)),
        };
    }

    private static Dictionary<string, string> Details(params (string Key, string? Value)[] pairs) =>
        pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => p.Value!);

    private HarvestFailure Fail(string where, string reason, XElement native) =>
        new(where, $"{sourceTitle}: {reason}", Http.SourceClient.Sample(native.ToString(SaveOptions.DisableFormatting)));
}
