using System.Xml;
using System.Xml.Linq;

namespace DiscoveryPortal.Connectors.OpenSearch;

/// <summary>The XML namespaces of OpenSearch 1.1 and the extensions CEOS and FedEO services use.</summary>
public static class OpenSearchNamespaces
{
    public const string OpenSearch = "http://a9.com/-/spec/opensearch/1.1/";
    public const string Geo = "http://a9.com/-/opensearch/extensions/geo/1.0/";
    public const string Time = "http://a9.com/-/opensearch/extensions/time/1.0/";
    public const string Eo = "http://a9.com/-/opensearch/extensions/eo/1.0/";
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace GeoRss = "http://www.georss.org/georss";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    public static readonly XNamespace Media = "http://search.yahoo.com/mrss/";
}

/// <summary>One <c>Url</c> of a description document: the response type it returns and its template.</summary>
public sealed record OpenSearchUrl(string Type, string Template, string Rel, int IndexOffset, int PageOffset, IReadOnlyDictionary<string, string> Prefixes)
{
    public OpenSearchTemplate Parse() => OpenSearchTemplate.Parse(Template, Prefixes);
}

/// <summary>An OpenSearch description document: the service's name and its URL templates.</summary>
public sealed record OpenSearchDescription(string ShortName, string? Description, IReadOnlyList<OpenSearchUrl> Urls)
{
    /// <summary>Response types this portal reads, best first.</summary>
    public static readonly string[] Readable = ["application/atom+xml", "application/geo+json", "application/vnd.geo+json", "application/json"];

    /// <summary>The results template of the first readable type, or null when the service offers none.</summary>
    public OpenSearchUrl? ResultsUrl() =>
        Readable.Select(t => Urls.FirstOrDefault(u => u.Rel == "results" && MediaType(u.Type) == t)).FirstOrDefault(u => u is not null);

    private static string MediaType(string type) => type.Split(';')[0].Trim().ToLowerInvariant();

    public static OpenSearchDescription Parse(string xml, string where)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (XmlException e)
        {
            throw new FormatException($"{where}: the description document is not XML ({e.Message})", e);
        }
        var root = document.Root!;
        if (root.Name.LocalName != "OpenSearchDescription")
        {
            throw new FormatException($"{where}: <{root.Name.LocalName}> is not an OpenSearchDescription");
        }
        var urls = new List<OpenSearchUrl>();
        foreach (var url in root.Elements().Where(e => e.Name.LocalName == "Url"))
        {
            var template = (string?)url.Attribute("template");
            var type = (string?)url.Attribute("type");
            if (template is null || type is null)
            {
                continue;
            }
            // Template prefixes are resolved against the namespaces in scope on the Url element.
            var prefixes = url.AncestorsAndSelf().SelectMany(e => e.Attributes()).Where(a => a.IsNamespaceDeclaration)
                .GroupBy(a => a.Name.Namespace == XNamespace.None ? "" : a.Name.LocalName)
                .ToDictionary(g => g.Key, g => g.First().Value);
            urls.Add(new OpenSearchUrl(type, template, (string?)url.Attribute("rel") ?? "results",
                (int?)url.Attribute("indexOffset") ?? 1, (int?)url.Attribute("pageOffset") ?? 1, prefixes));
        }
        return new OpenSearchDescription(
            root.Elements().FirstOrDefault(e => e.Name.LocalName == "ShortName")?.Value.Trim() ?? where,
            root.Elements().FirstOrDefault(e => e.Name.LocalName == "Description")?.Value.Trim(),
            urls);
    }
}
