using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace DiscoveryPortal.Indexer.Bench;

/// <summary>
/// Writes a large ObsCore-like VOTable twice, as TABLEDATA and as BINARY2 with the same rows, for the
/// parse-rate benchmark. Deterministic; about 445 bytes of TABLEDATA per row.
/// </summary>
internal static class SyntheticVoTable
{
    private static readonly (string Name, string Type)[] Fields =
    [
        ("obs_publisher_did", "char"), ("obs_collection", "char"), ("dataproduct_type", "char"), ("calib_level", "short"),
        ("s_ra", "double"), ("s_dec", "double"), ("s_fov", "double"), ("s_region", "char"), ("t_min", "double"),
        ("t_max", "double"), ("em_min", "double"), ("em_max", "double"), ("instrument_name", "char"),
        ("access_url", "char"), ("access_estsize", "long"), ("target_name", "char"),
    ];

    private static readonly string[] Collections = ["HST", "JWST", "XMM-Newton", "Gaia", "Herschel"];
    private static readonly string[] Instruments = ["ACS/WFC", "NIRCAM", "EPIC-pn", "RGS1", "PACS", "SPIRE", "MIRI"];
    private static readonly string[] Products = ["image", "spectrum", "cube", "event", "timeseries"];

    /// <summary>Writes both files; returns the row count.</summary>
    public static int Write(string tableDataPath, string binary2Path, long targetBytes)
    {
        var rows = (int)Math.Max(1, targetBytes / 445);
        var head = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">\n<RESOURCE type=\"results\">\n<INFO name=\"QUERY_STATUS\" value=\"OK\"/>\n<TABLE>\n");
        foreach (var (name, type) in Fields)
        {
            head.Append(CultureInfo.InvariantCulture, $"<FIELD name=\"{name}\" datatype=\"{type}\"{(type == "char" ? " arraysize=\"*\"" : "")}/>\n");
        }
        head.Append("<DATA>");
        const string tail = "</DATA>\n</TABLE>\n</RESOURCE>\n</VOTABLE>\n";

        using (var td = new StreamWriter(tableDataPath, false, new UTF8Encoding(false), 1 << 20))
        {
            td.Write(head);
            td.Write("<TABLEDATA>\n");
            for (var i = 0; i < rows; i++)
            {
                td.Write("<TR>");
                foreach (var value in Row(i))
                {
                    td.Write("<TD>");
                    td.Write(value switch
                    {
                        null => "",
                        string s => System.Security.SecurityElement.Escape(s),
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                    });
                    td.Write("</TD>");
                }
                td.Write("</TR>\n");
            }
            td.Write("</TABLEDATA>");
            td.Write(tail);
        }

        using (var b2 = new StreamWriter(binary2Path, false, new UTF8Encoding(false), 1 << 20))
        {
            b2.Write(head);
            b2.Write("<BINARY2><STREAM encoding=\"base64\">\n");
            var buffer = new MemoryStream();
            var scratch = new byte[8];
            for (var i = 0; i < rows; i++)
            {
                var values = Row(i);
                var mask = new byte[(Fields.Length + 7) / 8];
                for (var f = 0; f < values.Length; f++)
                {
                    if (values[f] is null)
                    {
                        mask[f >> 3] |= (byte)(0x80 >> (f & 7));
                    }
                }
                buffer.Write(mask);
                for (var f = 0; f < values.Length; f++)
                {
                    switch (Fields[f].Type)
                    {
                        case "char":
                            var bytes = Encoding.Latin1.GetBytes((string?)values[f] ?? "");
                            BinaryPrimitives.WriteInt32BigEndian(scratch, bytes.Length);
                            buffer.Write(scratch, 0, 4);
                            buffer.Write(bytes);
                            break;
                        case "short":
                            BinaryPrimitives.WriteInt16BigEndian(scratch, (short)values[f]!);
                            buffer.Write(scratch, 0, 2);
                            break;
                        case "long":
                            BinaryPrimitives.WriteInt64BigEndian(scratch, (long?)values[f] ?? 0);
                            buffer.Write(scratch, 0, 8);
                            break;
                        default:
                            BinaryPrimitives.WriteDoubleBigEndian(scratch, (double?)values[f] ?? double.NaN);
                            buffer.Write(scratch, 0, 8);
                            break;
                    }
                }
                if (buffer.Length > 1 << 20 || i == rows - 1)
                {
                    // Whole 3-byte groups only, so the base64 chunks join into one stream.
                    var length = i == rows - 1 ? (int)buffer.Length : (int)(buffer.Length / 3 * 3);
                    var data = buffer.GetBuffer();
                    b2.Write(Convert.ToBase64String(data, 0, length, Base64FormattingOptions.InsertLineBreaks));
                    b2.Write('\n');
                    var rest = data.AsSpan(length, (int)buffer.Length - length).ToArray();
                    buffer.SetLength(0);
                    buffer.Write(rest);
                }
            }
            b2.Write("</STREAM></BINARY2>");
            b2.Write(tail);
        }
        return rows;
    }

    private static object?[] Row(int i)
    {
        var ra = (i * 0.137) % 360;
        var dec = ((i * 0.071) % 170) - 85;
        var t = 50000 + (i % 25000) + 0.25;
        return
        [
            $"ivo://example.org/archive?obs/{i:D9}",
            Collections[i % Collections.Length],
            Products[i % Products.Length],
            (short)(i % 4),
            ra,
            dec,
            0.05 + (i % 7 * 0.01),
            string.Create(CultureInfo.InvariantCulture, $"Polygon ICRS {ra:F6} {dec - 0.05:F6} {ra + 0.05:F6} {dec - 0.05:F6} {ra + 0.05:F6} {dec + 0.05:F6} {ra:F6} {dec + 0.05:F6}"),
            t,
            i % 11 == 0 ? null : t + 0.0347,
            i % 13 == 0 ? null : 1e-7 * (1 + (i % 50)),
            i % 13 == 0 ? null : 1e-7 * (2 + (i % 50)),
            Instruments[i % Instruments.Length],
            $"https://archive.example.org/data/{i:D9}.fits",
            i % 17 == 0 ? null : 1000L + (i * 37L % 900000),
            i % 9 == 0 ? null : $"Target {i % 997}",
        ];
    }
}
