using System.Globalization;
using System.Xml;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.SearchApi.Formats;

namespace DiscoveryPortal.SearchApi.Oai;

/// <summary>A record as unqualified Dublin Core (<c>oai_dc</c>).</summary>
public static class DublinCoreMetadata
{
    public const string Namespace = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    private const string Dc = "http://purl.org/dc/elements/1.1/";

    public static void Write(XmlWriter xml, OaiItem item)
    {
        var r = item.Record;
        xml.WriteStartElement("oai_dc", "dc", Namespace);
        xml.WriteAttributeString("xmlns", "dc", null, Dc);
        xml.WriteAttributeString("xsi", "schemaLocation", OaiDocument.Xsi, Namespace + " http://www.openarchives.org/OAI/2.0/oai_dc.xsd");
        Element(xml, "title", r.Title);
        foreach (var author in r.Authors)
        {
            Element(xml, "creator", author.Name);
        }
        foreach (var subject in Subjects(r))
        {
            Element(xml, "subject", subject);
        }
        Element(xml, "description", r.Description);
        Element(xml, "publisher", item.Publisher);
        if (r.Published is { } published)
        {
            Element(xml, "date", published.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        Element(xml, "type", DataCiteMetadata.ResourceTypeGeneral(r.AssetType));
        foreach (var format in r.Formats)
        {
            Element(xml, "format", format);
        }
        if (r.Doi is { } doi)
        {
            Element(xml, "identifier", "https://doi.org/" + doi);
        }
        Element(xml, "identifier", item.Page.ToString());
        if (r.LandingPage is { } landing)
        {
            Element(xml, "relation", landing);
        }
        foreach (var coverage in Coverage(r))
        {
            Element(xml, "coverage", coverage);
        }
        Element(xml, "rights", r.License);
        xml.WriteEndElement();
    }

    /// <summary>Keywords, then mission, instruments and wavebands: what the record is about, each once.</summary>
    public static IEnumerable<string> Subjects(AssetRecord r) =>
        r.Keywords.Concat(r.Mission is null ? [] : [r.Mission]).Concat(r.Instruments).Concat(r.Wavebands)
            .Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Coverage(AssetRecord r)
    {
        if (r.Time is { } time && (time.Start is not null || time.End is not null))
        {
            yield return $"{Iso(time.Start) ?? ".."}/{Iso(time.End) ?? ".."}";
        }
        if (r.Ground is { } ground)
        {
            var b = ground.Box;
            yield return string.Create(CultureInfo.InvariantCulture, $"westlimit={b.West}; southlimit={b.South}; eastlimit={b.East}; northlimit={b.North}");
        }
        if (r.Sky is { } sky)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"ICRS ra={sky.Ra} dec={sky.Dec} radius={sky.Radius} deg");
        }
    }

    private static string? Iso(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Element(XmlWriter xml, string name, string? text) => XmlSafe.Element(xml, "dc", name, Dc, text);
}
