using System.Globalization;
using System.Xml;

namespace DiscoveryPortal.Connectors.VoTable;

/// <summary>
/// A column of a table to write: its name, VOTable datatype (char, long or double), UCD and unit. An
/// <see cref="Array"/> column holds a variable-length list of its datatype (a polygon's vertices); an
/// <see cref="Xtype"/> says what a value means beyond its datatype (DALI <c>timestamp</c>, <c>polygon</c>).
/// </summary>
public sealed record VoColumn(string Name, string Datatype, string? Ucd = null, string? Unit = null, string? Description = null)
{
    public bool Array { get; init; }
    public string? Xtype { get; init; }
}

/// <summary>
/// Writes one VOTable 1.4 TABLEDATA table, streaming its rows: what the portal hands to desktop tools
/// and scripts (basket exports, search results, cone search). Nulls are empty cells; text is XML-escaped
/// by the writer; a list of numbers is written space-separated.
/// </summary>
public static class VoTableWriter
{
    public const string Namespace = "http://www.ivoa.net/xml/VOTable/v1.3";

    public static void Write(Stream output, string tableName, string? description, IReadOnlyList<VoColumn> columns, IEnumerable<IReadOnlyList<object?>> rows,
        IReadOnlyList<VoInfo>? infos = null)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false), CloseOutput = false });
        xml.WriteStartDocument();
        xml.WriteStartElement("VOTABLE", Namespace);
        xml.WriteAttributeString("version", "1.4");
        xml.WriteStartElement("RESOURCE", Namespace);
        xml.WriteAttributeString("type", "results");
        foreach (var info in infos ?? [])
        {
            WriteInfo(xml, info);
        }
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
            if (column.Datatype == "char" || column.Array)
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
            if (column.Xtype is not null)
            {
                xml.WriteAttributeString("xtype", column.Xtype);
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

    /// <summary>
    /// A VOTable that holds no table, only what went wrong: the DALI <c>QUERY_STATUS</c> of <c>ERROR</c> in
    /// the results resource and, for Simple Cone Search 1.03 clients, an <c>Error</c> INFO on the document.
    /// </summary>
    public static void WriteError(Stream output, string message)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false), CloseOutput = false });
        xml.WriteStartDocument();
        xml.WriteStartElement("VOTABLE", Namespace);
        xml.WriteAttributeString("version", "1.4");
        WriteInfo(xml, new VoInfo("Error", Text(message), ""));
        xml.WriteStartElement("RESOURCE", Namespace);
        xml.WriteAttributeString("type", "results");
        WriteInfo(xml, new VoInfo("QUERY_STATUS", "ERROR", Text(message)));
        xml.WriteEndDocument();
    }

    private static void WriteInfo(XmlWriter xml, VoInfo info)
    {
        xml.WriteStartElement("INFO", Namespace);
        xml.WriteAttributeString("name", info.Name);
        xml.WriteAttributeString("value", Text(info.Value));
        if (info.Text.Length > 0)
        {
            xml.WriteString(Text(info.Text));
        }
        xml.WriteEndElement();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IEnumerable<double> list => string.Join(' ', list.Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        string s => Text(s),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Text(string s) => new(s.Where(XmlConvert.IsXmlChar).ToArray());
}
