using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Sources;
using DiscoveryPortal.SearchApi.Security;

namespace DiscoveryPortal.SearchApi.StructuredData;

/// <summary>
/// An asset as schema.org JSON-LD, as dataset search engines read it from the asset page: a <c>Dataset</c> (a
/// <c>SoftwareApplication</c> for tools and datalabs) with its name, description, identifiers (the DOI first),
/// creators with their ORCID, licence, keywords, where on the ground (a box) and when it covers, each file as a
/// <c>DataDownload</c> (URL and media type), and the portal as the <c>DataCatalog</c> it is in.
/// </summary>
public sealed class DatasetJsonLd(PortalUrls urls, SourceRegistry sources)
{
    // The default encoder writes <, >, &, ' and + as \u escapes: the text can sit in a <script> element and no
    // record can close it (</script>) or open a comment (<!--).
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default, WriteIndented = false };

    public const string CatalogName = "Discovery Portal";

    /// <summary>The JSON-LD document, safe to write unescaped inside <c>&lt;script type="application/ld+json"&gt;</c>.</summary>
    public async Task<string> ForAsync(AssetRecord r, DateTimeOffset changed, CancellationToken ct)
    {
        var source = (await sources.AllAsync(ct: ct)).Sources.FirstOrDefault(s => s.Id == r.SourceId);
        return Document(r, changed, string.IsNullOrWhiteSpace(source?.Title) ? r.SourceId : source.Title).ToJsonString(Options);
    }

    public JsonObject Document(AssetRecord r, DateTimeOffset changed, string publisher)
    {
        var page = urls.AssetPage(r.Id).ToString();
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org/",
            ["@type"] = r.AssetType is AssetType.Tool or AssetType.Software or AssetType.Datalab ? "SoftwareApplication" : "Dataset",
            ["@id"] = page,
            ["url"] = page,
            ["name"] = r.Title,
            ["description"] = string.IsNullOrWhiteSpace(r.Description) ? r.Title : r.Description,
            ["identifier"] = Array(r.Doi is null ? [r.Id] : ["https://doi.org/" + r.Doi, r.Id]),
        };
        if (r.LandingPage is { } landing)
        {
            json["sameAs"] = landing;
        }
        if (r.Authors.Count > 0)
        {
            json["creator"] = new JsonArray([.. r.Authors.Select(Person)]);
        }
        json["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = publisher };
        if (r.License is { } license)
        {
            json["license"] = license;
        }
        var keywords = Oai.DublinCoreMetadata.Subjects(r).ToList();
        if (keywords.Count > 0)
        {
            json["keywords"] = Array(keywords);
        }
        if (r.Ground is { Box.IsValid: true } ground)
        {
            // schema.org's box is two points, south-west then north-east, each "latitude longitude".
            var b = ground.Box;
            json["spatialCoverage"] = new JsonObject
            {
                ["@type"] = "Place",
                ["geo"] = new JsonObject { ["@type"] = "GeoShape", ["box"] = string.Create(CultureInfo.InvariantCulture, $"{b.South} {b.West} {b.North} {b.East}") },
            };
        }
        if (r.Time is { } time && (time.Start is not null || time.End is not null))
        {
            json["temporalCoverage"] = $"{Iso(time.Start) ?? ".."}/{Iso(time.End) ?? ".."}";
        }
        if (r.Published is { } published)
        {
            json["datePublished"] = Iso(published);
        }
        json["dateModified"] = Iso(changed);
        var downloads = r.Access.Select(a => Download(a, r.Formats)).ToList();
        if (downloads.Count > 0)
        {
            json["distribution"] = new JsonArray([.. downloads]);
        }
        if (r.Formats.Count > 0)
        {
            json["encodingFormat"] = Array(r.Formats);
        }
        json["includedInDataCatalog"] = new JsonObject { ["@type"] = "DataCatalog", ["name"] = CatalogName, ["url"] = urls.Base.ToString() };
        return json;
    }

    private static JsonObject Person(Person p)
    {
        var person = new JsonObject { ["@type"] = "Person", ["name"] = p.Name };
        if (p.Orcid is { Length: > 0 } orcid)
        {
            var url = orcid.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? orcid : "https://orcid.org/" + orcid;
            person["@id"] = url;
            person["identifier"] = url;
        }
        if (p.Affiliation is { Length: > 0 } affiliation)
        {
            person["affiliation"] = new JsonObject { ["@type"] = "Organization", ["name"] = affiliation };
        }
        return person;
    }

    private static JsonObject Download(AccessLink link, IReadOnlyList<string> formats)
    {
        var download = new JsonObject { ["@type"] = "DataDownload", ["contentUrl"] = link.Url };
        if ((link.Format ?? formats.FirstOrDefault()) is { } format)
        {
            download["encodingFormat"] = format;
        }
        if (link.Title is { Length: > 0 } title)
        {
            download["name"] = title;
        }
        if (link.SizeBytes is { } size)
        {
            download["contentSize"] = size.ToString(CultureInfo.InvariantCulture) + " B";
        }
        return download;
    }

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static string? Iso(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
