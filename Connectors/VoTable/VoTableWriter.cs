using System.Globalization;
using System.Xml;

namespace DiscoveryPortal.Connectors.VoTable;

/// <summary>A column of a table to write: its name, VOTable datatype (char, long or double), UCD and unit.</summary>
public sealed record VoColumn(string Name, string Datatype, string? Ucd = null, string? Unit = null, string? Description = null);

/// <summary>
/// Writes one VOTable 1.4 TABLEDATA table, streaming its rows: what the portal hands to desktop tools
/// and scripts (basket exports). Nulls are empty cells; text is XML-escaped by the writer.
/// </summary>
public static class VoTableWriter
{
    private const string Namespace = "http://www.ivoa.net/xml/VOTable/v1.3";

    public static void Write(Stream output, string tableName, string? description, IReadOnlyList<VoColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false), CloseOutput = false });
        xml.WriteStartDocument();
        xml.WriteStartElement("VOTABLE", Namespace);
        xml.WriteAttributeString("version", "1.4");
        xml.WriteStartElement("RESOURCE", Namespace);
        xml.WriteAttributeString("type", "results");
        xml.WriteStartElement("TABLE", Namespace);
        xml.WriteAttributeString("name", tableName);
        if (description is not null)
        {
            xml.WriteElementString("DESCRIPTION", Namespace, description);
        }
        foreach (var column in columns)
        {
            xml.WriteStartElement("FIELD", Namespace);
            xml.WriteAttributeString("name", column.Name);
            xml.WriteAttributeString("datatype", column.Datatype);
            if (column.Datatype == "char")
            {
                xml.WriteAttributeString("arraysize", "*");
            }
            if (column.Ucd is not null)
            {
                xml.WriteAttributeString("ucd", column.Ucd);
            }
            if (column.Unit is not null)
            {
                xml.WriteAttributeString("unit", column.Unit);
            }
            if (column.Description is not null)
            {
                xml.WriteElementString("DESCRIPTION", Namespace, column.Description);
            }
            xml.WriteEndElement();
        }
        xml.WriteStartElement("DATA", Namespace);
        xml.WriteStartElement("TABLEDATA", Namespace);
        foreach (var row in rows)
        {
            xml.WriteStartElement("TR", Namespace);
            for (var i = 0; i < columns.Count; i++)
            {
                xml.WriteElementString("TD", Namespace, Cell(i < row.Count ? row[i] : null));
            }
            xml.WriteEndElement();
        }
        xml.WriteEndDocument();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        string s => new string(s.Where(XmlConvert.IsXmlChar).ToArray()),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
