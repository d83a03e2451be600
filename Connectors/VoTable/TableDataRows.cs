using System.Globalization;
using System.Numerics;
using System.Xml;

namespace DiscoveryPortal.Connectors.VoTable;

/// <summary>Reads TABLEDATA: one TR per row, one TD per field, values as text.</summary>
internal static class TableDataRows
{
    public static IEnumerable<object?[]> Read(XmlReader xml, IReadOnlyList<VoField> fields)
    {
        if (xml.IsEmptyElement)
        {
            yield break;
        }
        var depth = xml.Depth;
        var row = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                yield break;
            }
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "TR")
            {
                continue;
            }
            row++;
            yield return ReadRow(xml, fields, row);
        }
        throw new VoTableFormatException("the document ends inside TABLEDATA");
    }

    // Positioned on <TR>; returns positioned on </TR> (or on <TR/>).
    private static object?[] ReadRow(XmlReader xml, IReadOnlyList<VoField> fields, int row)
    {
        var cells = new object?[fields.Count];
        if (xml.IsEmptyElement)
        {
            return cells;
        }
        var depth = xml.Depth;
        var column = 0;
        xml.Read();
        while (!(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.None)
            {
                throw new VoTableFormatException($"the document ends inside row {row}");
            }
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "TD")
            {
                xml.Read();
                continue;
            }
            if (column >= fields.Count)
            {
                throw new VoTableFormatException($"row {row} has more cells than the {fields.Count} fields");
            }
            // Moves past </TD>, onto the next TD or </TR>.
            var text = xml.ReadElementContentAsString();
            try
            {
                cells[column] = ParseCell(text, fields[column]);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new VoTableFormatException($"row {row}, field '{fields[column].Name}': '{Shorten(text)}' is not a valid {fields[column].Datatype} ({e.Message})", e);
            }
            column++;
        }
        return cells;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    /// <summary>Parses one TD (or PARAM value) of a field; empty text and the null sentinel are null.</summary>
    public static object? ParseCell(string text, VoField field)
    {
        if (field.IsString)
        {
            return text.Length == 0 ? null : text;
        }
        var trimmed = text.Trim();
        if (field.IsArray && trimmed.Length == 0 && field.IsVariable)
        {
            return ParseArray([], field); // a variable-length array with no elements
        }
        if (trimmed.Length == 0 || (field.Null is not null && trimmed == field.Null && !field.IsArray))
        {
            return null;
        }
        if (!field.IsArray)
        {
            return NaNIsNull(ParseScalar(trimmed, field));
        }
        var parts = field.Datatype is VoDatatype.FloatComplex or VoDatatype.DoubleComplex
            ? Pairs(trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            : trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return ParseArray(parts, field);
    }

    private static Array ParseArray(string[] parts, VoField field)
    {
        if (field.Datatype == VoDatatype.Bit && parts.Length == 1 && parts[0].Length > 1 && parts[0].All(c => c is '0' or '1'))
        {
            parts = parts[0].Select(c => c.ToString()).ToArray(); // bits may be written without spaces
        }
        return field.Datatype switch
        {
            VoDatatype.Boolean => parts.Select(p => ParseBoolean(p)).ToArray(),
            VoDatatype.Bit => parts.Select(p => p == "1").ToArray(),
            VoDatatype.UnsignedByte => parts.Select(p => byte.Parse(p, CultureInfo.InvariantCulture)).ToArray(),
            VoDatatype.Short => parts.Select(p => short.Parse(p, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray(),
            VoDatatype.Int => parts.Select(p => int.Parse(p, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray(),
            VoDatatype.Long => parts.Select(p => long.Parse(p, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray(),
            VoDatatype.Float => parts.Select(p => (float)ParseDouble(p)).ToArray(),
            VoDatatype.Double => parts.Select(ParseDouble).ToArray(),
            _ => parts.Select(p => ParseComplex(p)).ToArray(),
        };
    }

    /// <summary>A NaN float, double or complex is how VOTable writes a null number.</summary>
    internal static object? NaNIsNull(object? value) => value switch
    {
        float f when float.IsNaN(f) => null,
        double d when double.IsNaN(d) => null,
        Complex c when double.IsNaN(c.Real) || double.IsNaN(c.Imaginary) => null,
        _ => value,
    };

    private static object? ParseScalar(string text, VoField field) => field.Datatype switch
    {
        VoDatatype.Boolean => ParseBoolean(text),
        VoDatatype.Bit => text == "1",
        VoDatatype.UnsignedByte => byte.Parse(text, CultureInfo.InvariantCulture),
        VoDatatype.Short => short.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
        VoDatatype.Int => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
        VoDatatype.Long => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
        VoDatatype.Float => (float)ParseDouble(text),
        VoDatatype.Double => ParseDouble(text),
        _ => ParseComplex(text),
    };

    private static bool? ParseBoolean(string text) => text.ToLowerInvariant() switch
    {
        "t" or "true" or "1" => true,
        "f" or "false" or "0" => false,
        "?" or "" => null,
        _ => throw new FormatException("not T, F, true, false, 1, 0 or ?"),
    };

    internal static double ParseDouble(string text) => text switch
    {
        "NaN" or "nan" => double.NaN,
        "Inf" or "+Inf" or "inf" or "+inf" or "Infinity" or "+Infinity" => double.PositiveInfinity,
        "-Inf" or "-inf" or "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static Complex ParseComplex(string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            throw new FormatException("a complex value is two numbers");
        }
        return new Complex(ParseDouble(parts[0]), ParseDouble(parts[1]));
    }

    private static string[] Pairs(string[] parts) =>
        Enumerable.Range(0, parts.Length / 2).Select(i => parts[2 * i] + " " + parts[(2 * i) + 1]).ToArray();
}
