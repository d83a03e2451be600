using System.Xml;

namespace DiscoveryPortal.SearchApi.ConeSearch;

/// <summary>
/// The VOSI documents of the cone search: its capabilities (IVOA VOSI 1.1 with the ConeSearch 1.0 capability
/// schema) and its availability, as registries and validators read them.
/// </summary>
public static class VosiDocuments
{
    private const string Vosi = "http://www.ivoa.net/xml/VOSICapabilities/v1.0";
    private const string Availability = "http://www.ivoa.net/xml/VOSIAvailability/v1.0";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private const string VoResource = "http://www.ivoa.net/xml/VOResource/v1.0";
    private const string VoDataService = "http://www.ivoa.net/xml/VODataService/v1.1";
    private const string ConeSearchSchema = "http://www.ivoa.net/xml/ConeSearch/v1.0";

    private static XmlWriter Writer(Stream output) =>
        XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false), CloseOutput = false });

    public static void WriteCapabilities(Stream output, Uri service, Uri capabilities, Uri availability, int maxRecords)
    {
        using var xml = Writer(output);
        xml.WriteStartDocument();
        xml.WriteStartElement("vosi", "capabilities", Vosi);
        xml.WriteAttributeString("xmlns", "xsi", null, Xsi);
        xml.WriteAttributeString("xmlns", "vr", null, VoResource);
        xml.WriteAttributeString("xmlns", "vs", null, VoDataService);
        xml.WriteAttributeString("xmlns", "cs", null, ConeSearchSchema);

        xml.WriteStartElement("capability");
        xml.WriteAttributeString("standardID", "ivo://ivoa.net/std/ConeSearch");
        xml.WriteAttributeString("type", Xsi, "cs:ConeSearch");
        xml.WriteStartElement("interface");
        xml.WriteAttributeString("type", Xsi, "vs:ParamHTTP");
        xml.WriteAttributeString("role", "std");
        xml.WriteAttributeString("version", "1.03");
        Access(xml, service, "base");
        xml.WriteElementString("queryType", "GET");
        xml.WriteElementString("resultType", "text/xml");
        Param(xml, "RA", "Right ascension of the cone's centre (ICRS)", "deg", "POS_EQ_RA_MAIN", "double", true);
        Param(xml, "DEC", "Declination of the cone's centre (ICRS)", "deg", "POS_EQ_DEC_MAIN", "double", true);
        Param(xml, "SR", "The cone's radius; 0 answers the columns without rows", "deg", null, "double", true);
        Param(xml, "VERB", "Columns: 1 the id and position, 2 (the default) what, where and when, 3 every column", null, null, "int", true);
        xml.WriteEndElement();
        xml.WriteElementString("maxSR", "180");
        xml.WriteElementString("maxRecords", maxRecords.ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteElementString("verbosity", "true");
        xml.WriteStartElement("testQuery");
        xml.WriteElementString("ra", "202.48");
        xml.WriteElementString("dec", "47.23");
        xml.WriteElementString("sr", "0.5");
        xml.WriteEndElement();
        xml.WriteEndElement();

        Vosi11(xml, "ivo://ivoa.net/std/VOSI#capabilities", capabilities);
        Vosi11(xml, "ivo://ivoa.net/std/VOSI#availability", availability);
        xml.WriteEndDocument();
    }

    public static void WriteAvailability(Stream output, bool available, string note)
    {
        using var xml = Writer(output);
        xml.WriteStartDocument();
        xml.WriteStartElement("vosi", "availability", Availability);
        xml.WriteElementString("available", Availability, available ? "true" : "false");
        xml.WriteElementString("note", Availability, note);
        xml.WriteEndDocument();
    }

    private static void Vosi11(XmlWriter xml, string standard, Uri url)
    {
        xml.WriteStartElement("capability");
        xml.WriteAttributeString("standardID", standard);
        xml.WriteStartElement("interface");
        xml.WriteAttributeString("type", Xsi, "vs:ParamHTTP");
        Access(xml, url, "full");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Access(XmlWriter xml, Uri url, string use)
    {
        xml.WriteStartElement("accessURL");
        xml.WriteAttributeString("use", use);
        xml.WriteString(url.ToString());
        xml.WriteEndElement();
    }

    private static void Param(XmlWriter xml, string name, string description, string? unit, string? ucd, string type, bool standard)
    {
        xml.WriteStartElement("param");
        xml.WriteAttributeString("std", standard ? "true" : "false");
        xml.WriteElementString("name", name);
        xml.WriteElementString("description", description);
        if (unit is not null)
        {
            xml.WriteElementString("unit", unit);
        }
        if (ucd is not null)
        {
            xml.WriteElementString("ucd", ucd);
        }
        xml.WriteElementString("dataType", type);
        xml.WriteEndElement();
    }
}
