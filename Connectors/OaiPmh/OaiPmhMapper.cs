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
        if (metadata is null || metadata.Name.LocalName is not ("dc" or "Resource"))
        {
            return new(null, null, Fail(where, $"{identifier}: no oai_dc or VOResource metadata in the record", record), id, datestamp);
        }
        var mapped = metadata.Name.LocalName == "dc" ? DublinCore(metadata, id, identifier, datestamp) : VoResource(metadata, id, identifier, datestamp);
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
