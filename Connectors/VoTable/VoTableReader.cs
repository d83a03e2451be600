using System.Xml;

namespace DiscoveryPortal.Connectors.VoTable;

/// <summary>An INFO element: name, value and text, wherever it stood in the document.</summary>
public sealed record VoInfo(string Name, string Value, string Text);

/// <summary>One TABLE: its FIELDs and PARAMs. Its rows are streamed by <see cref="VoTableReader.Rows"/>.</summary>
public sealed record VoTableMeta(string? Name, IReadOnlyList<VoField> Fields, IReadOnlyDictionary<string, object?> Params)
{
    public int IndexOf(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}

/// <summary>
/// Streams VOTable documents (1.1 to 1.5): TABLEDATA, BINARY and BINARY2, every datatype, arrays,
/// <c>VALUES null</c> sentinels, several RESOURCEs and TABLEs, and the <c>QUERY_STATUS</c> INFOs TAP
/// services use to report errors and overflows. Memory stays constant whatever the row count.
/// </summary>
public sealed class VoTableReader : IDisposable
{
    private readonly XmlReader _xml;
    private readonly bool _throwOnServiceError;
    private readonly List<VoInfo> _infos = [];
    private bool _rowsPending;
    private bool _finished;

    private VoTableReader(Stream stream, bool throwOnServiceError)
    {
        _throwOnServiceError = throwOnServiceError;
        _xml = XmlReader.Create(stream, new XmlReaderSettings
        {
            IgnoreComments = true,
            IgnoreWhitespace = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            CloseInput = false,
        });
    }

    /// <summary>
    /// Opens a document. With <paramref name="throwOnServiceError"/> (the default) a
    /// <c>QUERY_STATUS=ERROR</c> throws <see cref="VoTableQueryException"/> as soon as it is read;
    /// without it the document is read as it is and <see cref="QueryStatus"/> tells.
    /// </summary>
    public static VoTableReader Open(Stream stream, bool throwOnServiceError = true) => new(stream, throwOnServiceError);

    public string? Version { get; private set; }

    /// <summary>Every INFO read so far (document, resource and table level).</summary>
    public IReadOnlyList<VoInfo> Infos => _infos;

    /// <summary>The last QUERY_STATUS value seen: services may put OK first and OVERFLOW after the table.</summary>
    public string? QueryStatus => _infos.LastOrDefault(i => i.Name == "QUERY_STATUS")?.Value;

    /// <summary>True when the service said there are more rows than it returned (MAXREC reached).</summary>
    public bool Overflow => string.Equals(QueryStatus, "OVERFLOW", StringComparison.OrdinalIgnoreCase);

    public VoTableMeta? Table { get; private set; }

    /// <summary>
    /// Moves to the next TABLE and reads its description. Returns false at the end of the document,
    /// after reading any INFOs that follow the last table. Throws <see cref="VoTableQueryException"/>
    /// when the service reported an error.
    /// </summary>
    public bool NextTable()
    {
        if (_rowsPending)
        {
            foreach (var _ in Rows())
            {
            }
        }
        Table = null;
        try
        {
            while (!_finished && _xml.Read())
            {
                if (_xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                switch (_xml.LocalName)
                {
                    case "VOTABLE":
                        Version = _xml.GetAttribute("version");
                        break;
                    case "INFO":
                        ReadInfo();
                        break;
                    case "TABLE":
                        var name = _xml.GetAttribute("name");
                        Table = ReadTableHead(name);
                        return true;
                }
            }
        }
        catch (XmlException e)
        {
            throw new VoTableFormatException($"the document is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}): {e.Message}", e);
        }
        _finished = true;
        ThrowIfError();
        return false;
    }

    /// <summary>The rows of the current table, one array of cell values per row (null for a null cell).</summary>
    public IEnumerable<object?[]> Rows()
    {
        if (Table is null || !_rowsPending)
        {
            yield break;
        }
        _rowsPending = false;
        var fields = Table.Fields;
        IEnumerable<object?[]> rows;
        switch (_xml.LocalName)
        {
            case "TABLEDATA":
                rows = TableDataRows.Read(_xml, fields);
                break;
            case "BINARY":
            case "BINARY2":
                rows = BinaryRows.Read(_xml, fields, binary2: _xml.LocalName == "BINARY2");
                break;
            case "FITS":
                throw new VoTableFormatException("the table is serialised as FITS, which is not supported; ask the service for TABLEDATA, BINARY or BINARY2");
            default:
                yield break;
        }
        using var enumerator = rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!enumerator.MoveNext())
                {
                    break;
                }
            }
            catch (XmlException e)
            {
                throw new VoTableFormatException($"the table data is broken (line {e.LineNumber}, position {e.LinePosition}): {e.Message}", e);
            }
            yield return enumerator.Current;
        }
    }

    /// <summary>Reads a whole (small) document into memory: every table with its rows, and the INFOs.</summary>
    public static VoTableDocument ReadAll(Stream stream, bool throwOnServiceError = true)
    {
        using var reader = Open(stream, throwOnServiceError);
        var tables = new List<(VoTableMeta, List<object?[]>)>();
        while (reader.NextTable())
        {
            tables.Add((reader.Table!, reader.Rows().ToList()));
        }
        return new VoTableDocument(reader.Version, tables, reader.Infos, reader.QueryStatus);
    }

    private void ThrowIfError()
    {
        if (!_throwOnServiceError)
        {
            return;
        }
        var error = _infos.LastOrDefault(i => i.Name == "QUERY_STATUS" && string.Equals(i.Value, "ERROR", StringComparison.OrdinalIgnoreCase));
        if (error is not null)
        {
            throw new VoTableQueryException(string.IsNullOrWhiteSpace(error.Text) ? "(no message)" : error.Text.Trim());
        }
    }

    private void ReadInfo()
    {
        var name = _xml.GetAttribute("name") ?? "";
        var value = _xml.GetAttribute("value") ?? "";
        var text = _xml.IsEmptyElement ? "" : ReadTextToEnd();
        _infos.Add(new VoInfo(name, value, text));
        if (name == "QUERY_STATUS" && string.Equals(value, "ERROR", StringComparison.OrdinalIgnoreCase))
        {
            ThrowIfError();
        }
    }

    // Reads an element's text and stops on its end tag, so the caller's next Read() sees the following node.
    private string ReadTextToEnd()
    {
        var depth = _xml.Depth;
        var text = new System.Text.StringBuilder();
        while (_xml.Read() && !(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
        {
            if (_xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                text.Append(_xml.Value);
            }
        }
        return text.ToString();
    }

    private VoTableMeta ReadTableHead(string? name)
    {
        var fields = new List<VoField>();
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var depth = _xml.Depth;
        if (_xml.IsEmptyElement)
        {
            return new VoTableMeta(name, fields, parameters);
        }
        while (_xml.Read())
        {
            if (_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth)
            {
                break; // a table without DATA
            }
            if (_xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            switch (_xml.LocalName)
            {
                case "FIELD" when _xml.Depth == depth + 1:
                    fields.Add(ReadField());
                    break;
                case "PARAM":
                    var param = ReadFieldAttributes();
                    var raw = _xml.GetAttribute("value");
                    parameters[param.Name] = raw is null ? null : TableDataRows.ParseCell(raw, param);
                    break;
                case "INFO":
                    ReadInfo();
                    break;
                case "DATA":
                    continue;
                case "TABLEDATA" or "BINARY" or "BINARY2" or "FITS":
                    _rowsPending = true;
                    return new VoTableMeta(name, fields, parameters);
            }
        }
        return new VoTableMeta(name, fields, parameters);
    }

    private VoField ReadField()
    {
        var field = ReadFieldAttributes();
        if (_xml.IsEmptyElement)
        {
            return field;
        }
        var depth = _xml.Depth;
        while (_xml.Read() && !(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
        {
            if (_xml.NodeType == XmlNodeType.Element && _xml.LocalName == "VALUES" && _xml.GetAttribute("null") is { } sentinel)
            {
                field = field with { Null = sentinel };
            }
        }
        return field;
    }

    private VoField ReadFieldAttributes() => new(
        _xml.GetAttribute("name") ?? _xml.GetAttribute("ID") ?? "",
        VoField.ParseDatatype(_xml.GetAttribute("datatype")),
        _xml.GetAttribute("arraysize"),
        null,
        _xml.GetAttribute("unit"),
        _xml.GetAttribute("ucd"),
        _xml.GetAttribute("utype"),
        _xml.GetAttribute("xtype"),
        _xml.GetAttribute("ID"));

    public void Dispose() => _xml.Dispose();
}

/// <summary>A whole VOTable in memory.</summary>
public sealed record VoTableDocument(string? Version, IReadOnlyList<(VoTableMeta Meta, List<object?[]> Rows)> Tables, IReadOnlyList<VoInfo> Infos, string? QueryStatus)
{
    public bool Overflow => string.Equals(QueryStatus, "OVERFLOW", StringComparison.OrdinalIgnoreCase);
}
