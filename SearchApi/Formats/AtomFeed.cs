using System.Globalization;
using System.Xml;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.SearchApi.Security;

namespace DiscoveryPortal.SearchApi.Formats;

/// <summary>
/// A page of search hits as an Atom 1.0 feed (RFC 4287), how a researcher follows a search in a feed reader: one
/// entry per record, named by its portal page, with its title, summary, date, authors and subjects; the feed links
/// to itself, to the search on the portal and (RFC 5005) to its next page.
/// </summary>
public static class AtomFeed
{
    public const string Namespace = "http://www.w3.org/2005/Atom";

    public static void Write(Stream output, SearchResult result, string? q, Uri self, Uri page, Uri? next, PortalUrls urls, DateTimeOffset now)
    {
        using var xml = XmlSafe.Writer(output);
        xml.WriteStartDocument();
        xml.WriteStartElement("feed", Namespace);
        xml.WriteElementString("id", Namespace, self.ToString());
        xml.WriteElementString("title", Namespace, XmlSafe.Clean(string.IsNullOrWhiteSpace(q) ? "Discovery Portal: new records" : $"Discovery Portal: {q}"));
        xml.WriteElementString("subtitle", Namespace, $"{result.Total:N0} matching records, newest first");
        var updated = result.Hits.Select(h => Updated(h.Record)).DefaultIfEmpty(now).Max();
        xml.WriteElementString("updated", Namespace, Time(updated));
        xml.WriteStartElement("author", Namespace);
        xml.WriteElementString("name", Namespace, "Discovery Portal");
        xml.WriteElementString("uri", Namespace, urls.Base.ToString());
        xml.WriteEndElement();
        xml.WriteStartElement("generator", Namespace);
        xml.WriteAttributeString("uri", urls.Base.ToString());
        xml.WriteString("Discovery Portal");
        xml.WriteEndElement();
        Link(xml, "self", self, "application/atom+xml");
        Link(xml, "alternate", page, "text/html");
        if (next is not null)
        {
            Link(xml, "next", next, "application/atom+xml");
        }
        foreach (var hit in result.Hits)
        {
            Entry(xml, hit, urls);
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Entry(XmlWriter xml, SearchHit hit, PortalUrls urls)
    {
        var r = hit.Record;
        var page = urls.AssetPage(r.Id);
        xml.WriteStartElement("entry", Namespace);
        xml.WriteElementString("id", Namespace, page.ToString());
        xml.WriteElementString("title", Namespace, XmlSafe.Clean(string.IsNullOrWhiteSpace(r.Title) ? r.Id : r.Title));
        xml.WriteElementString("updated", Namespace, Time(Updated(r)));
        if (r.Published is { } published)
        {
            xml.WriteElementString("published", Namespace, Time(published));
        }
        foreach (var author in r.Authors.Where(a => !string.IsNullOrWhiteSpace(XmlSafe.Clean(a.Name))))
        {
            xml.WriteStartElement("author", Namespace);
            xml.WriteElementString("name", Namespace, XmlSafe.Clean(author.Name));
            if (author.Orcid is { Length: > 0 } orcid)
            {
                xml.WriteElementString("uri", Namespace, XmlSafe.Clean(orcid.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? orcid : "https://orcid.org/" + orcid));
            }
            xml.WriteEndElement();
        }
        Link(xml, "alternate", page, "text/html");
        if (Uri.TryCreate(r.LandingPage, UriKind.Absolute, out var landing))
        {
            Link(xml, "related", landing, null);
        }
        foreach (var (scheme, term) in Categories(r))
        {
            xml.WriteStartElement("category", Namespace);
            xml.WriteAttributeString("term", XmlSafe.Clean(term));
            xml.WriteAttributeString("scheme", urls.For("/search?" + scheme + "=").ToString());
            xml.WriteEndElement();
        }
        XmlSafe.Element(xml, null, "summary", Namespace, string.IsNullOrWhiteSpace(r.Description) ? hit.Snippet.Text : r.Description);
        xml.WriteEndElement();
    }

    private static IEnumerable<(string Scheme, string Term)> Categories(AssetRecord r)
    {
        yield return ("domain", r.Domain);
        yield return ("assetType", r.AssetType.ToString().ToLowerInvariant());
        if (r.Mission is { } mission)
        {
            yield return ("mission", mission);
        }
        foreach (var instrument in r.Instruments)
        {
            yield return ("instrument", instrument);
        }
    }

    /// <summary>An entry's date: when the source published or last changed the record, else when it was harvested.</summary>
    private static DateTimeOffset Updated(AssetRecord r) => r.Published ?? r.HarvestedAt;

    private static void Link(XmlWriter xml, string rel, Uri href, string? type)
    {
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        if (type is not null)
        {
            xml.WriteAttributeString("type", type);
        }
        xml.WriteAttributeString("href", href.ToString());
        xml.WriteEndElement();
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
