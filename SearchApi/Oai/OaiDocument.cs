using System.Globalization;
using System.Xml;
using DiscoveryPortal.SearchApi.Formats;

namespace DiscoveryPortal.SearchApi.Oai;

/// <summary>The OAI-PMH 2.0 envelope: the root, response date, request echo, errors, headers and resumption tokens.</summary>
public static class OaiDocument
{
    public const string Namespace = "http://www.openarchives.org/OAI/2.0/";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Opens the document; <paramref name="echo"/> the request's arguments (none after badVerb or badArgument, as the protocol says).</summary>
    public static void Start(XmlWriter xml, DateTimeOffset now, Uri baseUrl, IEnumerable<KeyValuePair<string, string>> echo)
    {
        xml.WriteStartDocument();
        xml.WriteStartElement("OAI-PMH", Namespace);
        xml.WriteAttributeString("xmlns", "xsi", null, Xsi);
        xml.WriteAttributeString("xsi", "schemaLocation", Xsi, Namespace + " http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd");
        xml.WriteElementString("responseDate", Namespace, Datestamp(now));
        xml.WriteStartElement("request", Namespace);
        foreach (var (name, value) in echo)
        {
            xml.WriteAttributeString(name, XmlSafe.Clean(value));
        }
        xml.WriteString(baseUrl.ToString());
        xml.WriteEndElement();
    }

    public static void Error(XmlWriter xml, OaiError error)
    {
        xml.WriteStartElement("error", Namespace);
        xml.WriteAttributeString("code", error.Code);
        xml.WriteString(XmlSafe.Clean(error.Message));
        xml.WriteEndElement();
    }

    public static void Header(XmlWriter xml, string identifier, DateTimeOffset changed, IEnumerable<string> sets, bool deleted)
    {
        xml.WriteStartElement("header", Namespace);
        if (deleted)
        {
            xml.WriteAttributeString("status", "deleted");
        }
        xml.WriteElementString("identifier", Namespace, identifier);
        xml.WriteElementString("datestamp", Namespace, Datestamp(changed));
        foreach (var set in sets)
        {
            xml.WriteElementString("setSpec", Namespace, set);
        }
        xml.WriteEndElement();
    }

    /// <summary>A resumption token: the next page's, or empty on a list's last page that followed a token.</summary>
    public static void ResumptionToken(XmlWriter xml, string? token, int cursor)
    {
        xml.WriteStartElement("resumptionToken", Namespace);
        xml.WriteAttributeString("cursor", cursor.ToString(CultureInfo.InvariantCulture));
        if (token is not null)
        {
            xml.WriteString(token);
        }
        xml.WriteEndElement();
    }

    /// <summary>A UTC datestamp to the second (the repository's granularity).</summary>
    public static string Datestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
