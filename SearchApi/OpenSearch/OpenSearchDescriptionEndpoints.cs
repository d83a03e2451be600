using System.Xml;
using DiscoveryPortal.SearchApi.Formats;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiscoveryPortal.SearchApi.OpenSearch;

/// <summary>
/// The portal's OpenSearch 1.1 description document at <c>/opensearch.xml</c>, which the pages link to
/// (<c>rel="search"</c>), so a browser offers the portal as a search engine and OpenSearch clients find the
/// result page, the JSON answer and the Atom feed behind one template each.
/// </summary>
public static class OpenSearchDescriptionEndpoints
{
    public const string Path = "/opensearch.xml";
    public const string MediaType = "application/opensearchdescription+xml";
    private const string Namespace = "http://a9.com/-/spec/opensearch/1.1/";

    public static IEndpointRouteBuilder MapOpenSearchDescriptionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Description)
            .RequireCors(ReadOnlyCors.Policy)
            .WithName("OpenSearchDescription").WithTags("Crawlers").WithSummary("The OpenSearch description document")
            .WithDescription("Templates of the result page (text/html), the JSON search and the Atom feed, for browsers and OpenSearch clients.")
            .Produces(StatusCodes.Status200OK, contentType: MediaType);
        return app;
    }

    public static FileContentHttpResult Description(PortalUrls urls)
    {
        var stream = new MemoryStream();
        using (var xml = XmlSafe.Writer(stream))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("OpenSearchDescription", Namespace);
            xml.WriteElementString("ShortName", Namespace, "Discovery Portal");
            xml.WriteElementString("Description", Namespace, "Observations, datasets, tools and services of space-science and Earth-observation archives");
            xml.WriteElementString("Tags", Namespace, "astronomy earth-observation datasets archives");
            xml.WriteElementString("InputEncoding", Namespace, "UTF-8");
            xml.WriteElementString("OutputEncoding", Namespace, "UTF-8");
            xml.WriteStartElement("Image", Namespace);
            xml.WriteAttributeString("type", "image/svg+xml");
            xml.WriteAttributeString("width", "16");
            xml.WriteAttributeString("height", "16");
            xml.WriteString(urls.For("/favicon.svg").ToString());
            xml.WriteEndElement();
            Url(xml, "text/html", urls.For("/search") + "?q={searchTerms}", "results");
            Url(xml, ResultFormats.Json, urls.For("/api/search") + "?q={searchTerms}&size={count?}", "results");
            Url(xml, ResultFormats.Atom, urls.For("/api/search") + "?q={searchTerms}&format=atom&size={count?}", "results");
            Url(xml, MediaType, urls.For(Path).ToString(), "self");
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return TypedResults.File(stream.ToArray(), MediaType + "; charset=utf-8");
    }

    private static void Url(XmlWriter xml, string type, string template, string rel)
    {
        xml.WriteStartElement("Url", Namespace);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("template", template);
        xml.WriteEndElement();
    }
}
