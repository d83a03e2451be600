using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.SearchApi.Formats;

namespace DiscoveryPortal.SearchApi.Oai;

/// <summary>
/// A record as a DataCite Metadata Schema 4.6 <c>resource</c> (<c>oai_datacite</c>): the DOI (or, without one,
/// the record's portal page), creators with their ORCID, title, publisher, publication year, resource type,
/// subjects, dates (issued, updated, the coverage in time), rights, formats, sizes, description and the ground
/// footprint as geo locations.
/// </summary>
public static partial class DataCiteMetadata
{
    public const string Namespace = "http://datacite.org/schema/kernel-4";

    public static string ResourceTypeGeneral(AssetType type) => type switch
    {
        AssetType.Collection => "Collection",
        AssetType.Datalab => "InteractiveResource",
        AssetType.Tool or AssetType.Software => "Software",
        AssetType.Service => "Service",
        AssetType.Document => "Text",
        _ => "Dataset",
    };

    public static void Write(XmlWriter xml, OaiItem item)
    {
        var r = item.Record;
        xml.WriteStartElement("resource", Namespace);
        xml.WriteAttributeString("xsi", "schemaLocation", OaiDocument.Xsi, Namespace + " http://schema.datacite.org/meta/kernel-4.6/metadata.xsd");

        xml.WriteStartElement("identifier", Namespace);
        xml.WriteAttributeString("identifierType", r.Doi is null ? "URL" : "DOI");
        xml.WriteString(XmlSafe.Clean(r.Doi ?? item.Page.ToString()));
        xml.WriteEndElement();

        xml.WriteStartElement("creators", Namespace);
        if (r.Authors.Count == 0)
        {
            // A creator is required: without named people, the archive that made the data.
            Creator(xml, new Person(item.Publisher), "Organizational");
        }
        foreach (var author in r.Authors)
        {
            Creator(xml, author, null);
        }
        xml.WriteEndElement();

        xml.WriteStartElement("titles", Namespace);
        Text(xml, "title", Present(r.Title) ?? r.Id);
        xml.WriteEndElement();
        Text(xml, "publisher", item.Publisher);
        Text(xml, "publicationYear", (r.Published ?? r.Time?.Start ?? r.HarvestedAt).UtcDateTime.Year.ToString("0000", CultureInfo.InvariantCulture));
        xml.WriteStartElement("resourceType", Namespace);
        xml.WriteAttributeString("resourceTypeGeneral", ResourceTypeGeneral(r.AssetType));
        xml.WriteString(r.AssetType.ToString());
        xml.WriteEndElement();

        var subjects = DublinCoreMetadata.Subjects(r).ToList();
        if (subjects.Count > 0)
        {
            xml.WriteStartElement("subjects", Namespace);
            subjects.ForEach(s => Text(xml, "subject", s));
            xml.WriteEndElement();
        }

        xml.WriteStartElement("dates", Namespace);
        if (r.Published is { } published)
        {
            Date(xml, "Issued", Day(published));
        }
        Date(xml, "Updated", Day(item.Changed));
        if (r.Time is { Start: { } start } time)
        {
            Date(xml, "Coverage", time.End is { } end ? $"{Second(start)}/{Second(end)}" : Second(start));
        }
        xml.WriteEndElement();

        if (r.Doi is not null)
        {
            xml.WriteStartElement("alternateIdentifiers", Namespace);
            xml.WriteStartElement("alternateIdentifier", Namespace);
            xml.WriteAttributeString("alternateIdentifierType", "URL");
            xml.WriteString(item.Page.ToString());
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        var sizes = r.Access.Where(a => a.SizeBytes is not null).Select(a => $"{a.SizeBytes} bytes").Distinct().ToList();
        if (sizes.Count > 0)
        {
            xml.WriteStartElement("sizes", Namespace);
            sizes.ForEach(s => Text(xml, "size", s));
            xml.WriteEndElement();
        }
        if (r.Formats.Count > 0)
        {
            xml.WriteStartElement("formats", Namespace);
            foreach (var format in r.Formats)
            {
                Text(xml, "format", format);
            }
            xml.WriteEndElement();
        }
        if (Present(r.License) is { } license)
        {
            xml.WriteStartElement("rightsList", Namespace);
            Rights(xml, license);
            xml.WriteEndElement();
        }
        if (Present(r.Description) is { } description)
        {
            xml.WriteStartElement("descriptions", Namespace);
            xml.WriteStartElement("description", Namespace);
            xml.WriteAttributeString("descriptionType", "Abstract");
            xml.WriteString(XmlSafe.Clean(description));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        if (r.Ground is { Box.IsValid: true } ground)
        {
            GeoLocation(xml, ground);
        }
        xml.WriteEndElement();
    }

    private static void Creator(XmlWriter xml, Person person, string? nameType)
    {
        xml.WriteStartElement("creator", Namespace);
        xml.WriteStartElement("creatorName", Namespace);
        if (nameType is not null)
        {
            xml.WriteAttributeString("nameType", nameType);
        }
        xml.WriteString(XmlSafe.Clean(Present(person.Name) ?? "Unknown"));
        xml.WriteEndElement();
        if (Present(person.Orcid) is { } orcid)
        {
            xml.WriteStartElement("nameIdentifier", Namespace);
            xml.WriteAttributeString("nameIdentifierScheme", "ORCID");
            xml.WriteAttributeString("schemeURI", "https://orcid.org");
            xml.WriteString(XmlSafe.Clean(orcid.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? orcid : "https://orcid.org/" + orcid));
            xml.WriteEndElement();
        }
        if (Present(person.Affiliation) is { } affiliation)
        {
            Text(xml, "affiliation", affiliation);
        }
        xml.WriteEndElement();
    }

    private static void Rights(XmlWriter xml, string license)
    {
        xml.WriteStartElement("rights", Namespace);
        if (Uri.TryCreate(license, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            xml.WriteAttributeString("rightsURI", url.ToString());
        }
        else if (SpdxLike().IsMatch(license))
        {
            xml.WriteAttributeString("rightsIdentifier", license);
            xml.WriteAttributeString("rightsIdentifierScheme", "SPDX");
            xml.WriteAttributeString("schemeURI", "https://spdx.org/licenses/");
        }
        xml.WriteString(XmlSafe.Clean(license));
        xml.WriteEndElement();
    }

    private static void GeoLocation(XmlWriter xml, GroundFootprint ground)
    {
        xml.WriteStartElement("geoLocations", Namespace);
        xml.WriteStartElement("geoLocation", Namespace);
        var b = ground.Box;
        xml.WriteStartElement("geoLocationBox", Namespace);
        Text(xml, "westBoundLongitude", Number(b.West));
        Text(xml, "eastBoundLongitude", Number(b.East));
        Text(xml, "southBoundLatitude", Number(b.South));
        Text(xml, "northBoundLatitude", Number(b.North));
        xml.WriteEndElement();
        if (ground.Polygon is { Count: >= 3 } polygon && polygon.All(p => p.Lon is >= -180 and <= 180 && p.Lat is >= -90 and <= 90))
        {
            // DataCite's polygon is a closed ring of at least four points.
            var ring = polygon[0] == polygon[^1] ? polygon.ToList() : [.. polygon, polygon[0]];
            if (ring.Count >= 4)
            {
                xml.WriteStartElement("geoLocationPolygon", Namespace);
                foreach (var point in ring)
                {
                    xml.WriteStartElement("polygonPoint", Namespace);
                    Text(xml, "pointLongitude", Number(point.Lon));
                    Text(xml, "pointLatitude", Number(point.Lat));
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Date(XmlWriter xml, string type, string value)
    {
        xml.WriteStartElement("date", Namespace);
        xml.WriteAttributeString("dateType", type);
        xml.WriteString(value);
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, string name, string text)
    {
        xml.WriteStartElement(name, Namespace);
        xml.WriteString(XmlSafe.Clean(text));
        xml.WriteEndElement();
    }

    private static string? Present(string? text) => XmlSafe.Clean(text).Trim() is { Length: > 0 } t ? t : null;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Second(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.\-+]*$")]
    private static partial Regex SpdxLike();
}
