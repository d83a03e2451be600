using System.Text;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Connectors.Tests.VoTable;

public sealed class VoTableReaderTests
{
    private static FileStream Fixture(string name) => File.OpenRead(Path.Combine(VoTableAgreementTests.FixtureRoot, name));

    private static MemoryStream Text(string xml) => new(Encoding.UTF8.GetBytes(xml));

    private static string Document(string fields, string data, string version = "1.4") =>
        $"""<?xml version="1.0"?><VOTABLE version="{version}" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/><TABLE>{fields}<DATA>{data}</DATA></TABLE></RESOURCE></VOTABLE>""";

    [Fact]
    public void An_error_document_throws_with_the_services_message()
    {
        var xml = """<VOTABLE version="1.4"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">Could not locate table 'nowhere.t'</INFO></RESOURCE></VOTABLE>""";
        var error = Assert.Throws<VoTableQueryException>(() => VoTableReader.ReadAll(Text(xml)));
        Assert.Equal("Could not locate table 'nowhere.t'", error.ServiceMessage);
        Assert.Contains("nowhere.t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recorded_error_document_throws_before_any_row_is_returned()
    {
        using var stream = Fixture("errorstatus.xml");
        using var reader = VoTableReader.Open(stream);
        var error = Assert.Throws<VoTableQueryException>(() => reader.NextTable());
        Assert.Equal("ERROR", error.ServiceMessage);
    }

    [Fact]
    public void The_trailing_overflow_status_wins_over_the_leading_ok()
    {
        using var stream = Fixture("overflowstatus.xml");
        var document = VoTableReader.ReadAll(stream);
        Assert.True(document.Overflow);
        Assert.Equal(3, document.Tables[0].Rows.Count);
        Assert.Equal(42L, document.Tables[0].Rows[1][0]);
    }

    [Fact]
    public void A_vizier_binary_table_with_variable_strings_and_sentinels_reads_as_published()
    {
        using var stream = Fixture("vizier_b2_votable.xml");
        var document = VoTableReader.ReadAll(stream);
        var (meta, rows) = Assert.Single(document.Tables);
        Assert.Equal(20, rows.Count);
        Assert.True(document.Overflow);
        var first = rows[0];
        Assert.Equal("T", first[meta.IndexOf("n_PNG")]);
        Assert.Equal("G209.1-08.2 ", first[meta.IndexOf("PNG")]);
        Assert.Equal(100f, first[meta.IndexOf("MajDiam")]);
        Assert.Null(first[meta.IndexOf("CS")]); // zero-length variable string
        Assert.Equal("R", first[meta.IndexOf("Morph")]);
        Assert.Equal(2453377, first[meta.IndexOf("ObsDate")]);
        Assert.Equal("fits", first[meta.IndexOf("AssocData")]);
        Assert.All(rows, row => Assert.Equal(12, ((string)row[meta.IndexOf("PNG")]!).Length));
    }

    [Fact]
    public void Integer_null_sentinels_and_nan_read_as_null_in_tabledata()
    {
        var xml = Document(
            """<FIELD name="n" datatype="int"><VALUES null="-999"/></FIELD><FIELD name="x" datatype="double"/><FIELD name="s" datatype="char" arraysize="*"/>""",
            "<TABLEDATA><TR><TD>-999</TD><TD>NaN</TD><TD></TD></TR><TR><TD>5</TD><TD>-1.5E3</TD><TD>a b</TD></TR></TABLEDATA>");
        var rows = VoTableReader.ReadAll(Text(xml)).Tables[0].Rows;
        Assert.Equal([null, null, null], rows[0]);
        Assert.Equal([5, -1500.0, "a b"], rows[1]);
    }

    [Fact]
    public void Binary2_null_flags_make_cells_null_whatever_the_bytes()
    {
        // Two int fields; the first row flags field 2 as null (mask 0x40), the second flags none.
        var bytes = new byte[] { 0x40, 0, 0, 0, 7, 0, 0, 0, 9, 0x00, 0, 0, 0, 1, 0, 0, 0, 2 };
        var xml = Document("""<FIELD name="a" datatype="int"/><FIELD name="b" datatype="int"/>""",
            $"""<BINARY2><STREAM encoding="base64">{Convert.ToBase64String(bytes)}</STREAM></BINARY2>""");
        var rows = VoTableReader.ReadAll(Text(xml)).Tables[0].Rows;
        Assert.Equal([7, null], rows[0]);
        Assert.Equal([1, 2], rows[1]);
    }

    [Fact]
    public void Several_resources_and_tables_are_read_in_order()
    {
        var xml = """
            <VOTABLE version="1.3">
              <RESOURCE><TABLE name="one"><FIELD name="a" datatype="short"/><DATA><TABLEDATA><TR><TD>1</TD></TR></TABLEDATA></DATA></TABLE>
                <TABLE name="two"><FIELD name="b" datatype="char" arraysize="*"/><DATA><TABLEDATA><TR><TD>x</TD></TR><TR><TD>y</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE>
              <RESOURCE><TABLE name="three"><FIELD name="c" datatype="long"/></TABLE></RESOURCE>
            </VOTABLE>
            """;
        var document = VoTableReader.ReadAll(Text(xml));
        Assert.Equal(["one", "two", "three"], document.Tables.Select(t => t.Meta.Name));
        Assert.Equal([1, 2, 0], document.Tables.Select(t => t.Rows.Count));
        Assert.Equal((short)1, document.Tables[0].Rows[0][0]);
    }

    [Fact]
    public void Skipping_a_tables_rows_still_reaches_the_next_table()
    {
        var xml = """<VOTABLE version="1.5"><RESOURCE><TABLE name="a"><FIELD name="a" datatype="int"/><DATA><TABLEDATA><TR><TD>1</TD></TR><TR><TD>2</TD></TR></TABLEDATA></DATA></TABLE><TABLE name="b"><FIELD name="b" datatype="int"/><DATA><TABLEDATA><TR><TD>3</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>""";
        using var reader = VoTableReader.Open(Text(xml));
        Assert.True(reader.NextTable());
        Assert.True(reader.NextTable());
        Assert.Equal("b", reader.Table!.Name);
        Assert.Equal([3], reader.Rows().Single());
        Assert.False(reader.NextTable());
    }

    [Theory]
    [InlineData("1.1", "http://www.ivoa.net/xml/VOTable/v1.1")]
    [InlineData("1.2", "http://www.ivoa.net/xml/VOTable/v1.2")]
    [InlineData("1.5", "http://www.ivoa.net/xml/VOTable/v1.3")]
    [InlineData("1.3", "")]
    public void Every_version_and_namespace_reads_alike(string version, string ns)
    {
        var xmlns = ns.Length == 0 ? "" : $" xmlns=\"{ns}\"";
        var xml = $"<VOTABLE version=\"{version}\"{xmlns}><RESOURCE><TABLE><FIELD name=\"a\" datatype=\"double\"/><FIELD name=\"b\" datatype=\"char\" arraysize=\"*\"/><DATA><TABLEDATA><TR><TD>1.5</TD><TD>x</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        var document = VoTableReader.ReadAll(Text(xml));
        Assert.Equal(version, document.Version);
        Assert.Equal([1.5, "x"], document.Tables[0].Rows.Single());
    }

    [Fact]
    public void A_fits_serialisation_is_refused_by_name()
    {
        var xml = Document("""<FIELD name="a" datatype="int"/>""", """<FITS><STREAM href="http://example.org/t.fits"/></FITS>""");
        var error = Assert.Throws<VoTableFormatException>(() => VoTableReader.ReadAll(Text(xml)));
        Assert.Contains("FITS", error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_names_the_line()
    {
        var xml = "<VOTABLE version=\"1.4\">\n<RESOURCE><TABLE><FIELD name=\"a\" datatype=\"int\"/><DATA><TABLEDATA><TR><TD>1</TD></TR>\n<TR><TD>2</TD></TABLEDATA>";
        var error = Assert.Throws<VoTableFormatException>(() => VoTableReader.ReadAll(Text(xml)));
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_number_names_the_row_and_field()
    {
        var xml = Document("""<FIELD name="flux" datatype="double"/>""", "<TABLEDATA><TR><TD>1.0</TD></TR><TR><TD>bright</TD></TR></TABLEDATA>");
        var error = Assert.Throws<VoTableFormatException>(() => VoTableReader.ReadAll(Text(xml)));
        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'flux'", error.Message, StringComparison.Ordinal);
        Assert.Contains("bright", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_binary_stream_is_reported_not_padded()
    {
        var bytes = new byte[] { 0, 0, 0, 1, 0, 0 }; // one int, then half of the next
        var xml = Document("""<FIELD name="a" datatype="int"/>""", $"""<BINARY><STREAM encoding="base64">{Convert.ToBase64String(bytes)}</STREAM></BINARY>""");
        var error = Assert.Throws<VoTableFormatException>(() => VoTableReader.ReadAll(Text(xml)));
        Assert.Contains("ends inside row 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_datatype_is_named()
    {
        var xml = Document("""<FIELD name="a" datatype="quaternion"/>""", "<TABLEDATA/>");
        var error = Assert.Throws<VoTableFormatException>(() => VoTableReader.ReadAll(Text(xml)));
        Assert.Contains("quaternion", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_stream_without_holding_earlier_ones()
    {
        // 200,000 rows produced on the fly: the reader must hand them out one by one.
        using var stream = new GeneratedTableStream(200_000);
        using var reader = VoTableReader.Open(stream);
        Assert.True(reader.NextTable());
        long count = 0;
        long sum = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var row in reader.Rows())
        {
            count++;
            sum += (int)row[0]!;
            if (count == 1000)
            {
                GC.Collect();
                before = GC.GetTotalMemory(true);
            }
        }
        var after = GC.GetTotalMemory(true);
        Assert.Equal(200_000, count);
        Assert.Equal(200_000L * 199_999 / 2, sum);
        Assert.True(after - before < 8_000_000, $"memory grew by {after - before} bytes while streaming");
    }

    /// <summary>A TABLEDATA document of n rows, produced as it is read.</summary>
    private sealed class GeneratedTableStream(int rows) : Stream
    {
        private readonly byte[] _head = Encoding.UTF8.GetBytes("""<VOTABLE version="1.4"><RESOURCE><TABLE><FIELD name="i" datatype="int"/><FIELD name="s" datatype="char" arraysize="*"/><DATA><TABLEDATA>""");
        private readonly byte[] _tail = Encoding.UTF8.GetBytes("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>");
        private byte[] _pending = [];
        private int _offset;
        private int _next = -1;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                if (_next > rows)
                {
                    return 0;
                }
                _pending = _next == -1 ? _head : _next == rows ? _tail : Encoding.UTF8.GetBytes($"<TR><TD>{_next}</TD><TD>observation number {_next}</TD></TR>");
                _next++;
                _offset = 0;
            }
            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
