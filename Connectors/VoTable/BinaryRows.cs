using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Xml;

namespace DiscoveryPortal.Connectors.VoTable;

/// <summary>
/// Reads BINARY and BINARY2: a base64 STREAM of big-endian values, variable-length cells prefixed by
/// their element count, and (BINARY2) a null bit-mask before each row.
/// </summary>
internal static class BinaryRows
{
    public static IEnumerable<object?[]> Read(XmlReader xml, IReadOnlyList<VoField> fields, bool binary2)
    {
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "STREAM")
            {
                continue;
            }
            if (xml.GetAttribute("href") is { } href)
            {
                throw new VoTableFormatException($"the table data is at '{href}', outside the document; only inline streams are read");
            }
            var encoding = xml.GetAttribute("encoding");
            if (encoding is not null && encoding != "base64")
            {
                throw new VoTableFormatException($"STREAM encoding '{encoding}' is not supported; only base64 is");
            }
            if (xml.IsEmptyElement)
            {
                yield break;
            }
            using var stream = new BufferedStream(new XmlBase64Stream(xml), 1 << 16);
            var decoder = new RowDecoder(stream, fields, binary2);
            var row = 0;
            while (decoder.TryReadRow(++row, out var cells))
            {
                yield return cells;
            }
            yield break;
        }
    }

    private sealed class RowDecoder(Stream stream, IReadOnlyList<VoField> fields, bool binary2)
    {
        private readonly byte[] _mask = new byte[(fields.Count + 7) / 8];
        private byte[] _buffer = new byte[256];
        private readonly long?[] _intNulls = fields.Select(f => long.TryParse(f.Null, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (long?)null).ToArray();

        public bool TryReadRow(int row, out object?[] cells)
        {
            cells = new object?[fields.Count];
            var first = true;
            if (binary2)
            {
                if (!Fill(_mask, _mask.Length, allowEnd: true, row))
                {
                    return false;
                }
                first = false;
            }
            for (var i = 0; i < fields.Count; i++)
            {
                var isNull = binary2 && (_mask[i >> 3] & (0x80 >> (i & 7))) != 0;
                var field = fields[i];
                int count;
                if (field.IsVariable)
                {
                    if (!Fill(_buffer, 4, allowEnd: first, row))
                    {
                        return false;
                    }
                    count = BinaryPrimitives.ReadInt32BigEndian(_buffer);
                    if (count < 0)
                    {
                        throw new VoTableFormatException($"row {row}, field '{field.Name}': negative element count {count}");
                    }
                }
                else
                {
                    count = field.ArraySize;
                }
                var bytes = field.Datatype == VoDatatype.Bit ? (count + 7) / 8 : count * ElementSize(field.Datatype);
                if (bytes > _buffer.Length)
                {
                    _buffer = new byte[Math.Max(bytes, _buffer.Length * 2)];
                }
                if (bytes > 0 && !Fill(_buffer, bytes, allowEnd: first && !field.IsVariable, row))
                {
                    return false;
                }
                first = false;
                cells[i] = isNull ? null : Decode(field, _buffer, bytes, count, _intNulls[i]);
            }
            return true;
        }

        private bool Fill(byte[] target, int count, bool allowEnd, int row)
        {
            var read = 0;
            while (read < count)
            {
                var n = stream.Read(target, read, count - read);
                if (n == 0)
                {
                    if (read == 0 && allowEnd)
                    {
                        return false;
                    }
                    throw new VoTableFormatException($"the binary stream ends inside row {row}");
                }
                read += n;
            }
            return true;
        }
    }

    private static int ElementSize(VoDatatype type) => type switch
    {
        VoDatatype.Boolean or VoDatatype.UnsignedByte or VoDatatype.Char => 1,
        VoDatatype.Short or VoDatatype.UnicodeChar => 2,
        VoDatatype.Int or VoDatatype.Float => 4,
        VoDatatype.Long or VoDatatype.Double or VoDatatype.FloatComplex => 8,
        VoDatatype.DoubleComplex => 16,
        _ => 0,
    };

    private static object? Decode(VoField field, byte[] data, int length, int count, long? nullValue)
    {
        switch (field.Datatype)
        {
            case VoDatatype.Char:
                return Text(Encoding.Latin1.GetString(data, 0, length));
            case VoDatatype.UnicodeChar:
                return Text(Encoding.BigEndianUnicode.GetString(data, 0, length));
            case VoDatatype.Bit:
                var bits = new bool[count];
                for (var i = 0; i < count; i++)
                {
                    bits[i] = (data[i >> 3] & (0x80 >> (i & 7))) != 0;
                }
                return field.IsArray ? bits : count == 0 ? null : bits[0];
        }
        if (!field.IsArray)
        {
            return count == 0 ? null : TableDataRows.NaNIsNull(Scalar(field.Datatype, data, nullValue));
        }
        var size = ElementSize(field.Datatype);
        return field.Datatype switch
        {
            VoDatatype.Boolean => Many(count, i => Boolean(data[i])),
            VoDatatype.UnsignedByte => data.AsSpan(0, length).ToArray(),
            VoDatatype.Short => Many(count, i => BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(i * size))),
            VoDatatype.Int => Many(count, i => BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(i * size))),
            VoDatatype.Long => Many(count, i => BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(i * size))),
            VoDatatype.Float => Many(count, i => BinaryPrimitives.ReadSingleBigEndian(data.AsSpan(i * size))),
            VoDatatype.Double => Many(count, i => BinaryPrimitives.ReadDoubleBigEndian(data.AsSpan(i * size))),
            VoDatatype.FloatComplex => Many(count, i => new Complex(BinaryPrimitives.ReadSingleBigEndian(data.AsSpan(i * size)), BinaryPrimitives.ReadSingleBigEndian(data.AsSpan((i * size) + 4)))),
            _ => Many(count, i => new Complex(BinaryPrimitives.ReadDoubleBigEndian(data.AsSpan(i * size)), BinaryPrimitives.ReadDoubleBigEndian(data.AsSpan((i * size) + 8)))),
        };
    }

    private static T[] Many<T>(int count, Func<int, T> read)
    {
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = read(i);
        }
        return values;
    }

    private static object? Scalar(VoDatatype type, ReadOnlySpan<byte> data, long? nullValue)
    {
        switch (type)
        {
            case VoDatatype.Boolean:
                return Boolean(data[0]);
            case VoDatatype.UnsignedByte:
                return data[0] == nullValue ? null : data[0];
            case VoDatatype.Short:
                var s = BinaryPrimitives.ReadInt16BigEndian(data);
                return s == nullValue ? null : s;
            case VoDatatype.Int:
                var n = BinaryPrimitives.ReadInt32BigEndian(data);
                return n == nullValue ? null : n;
            case VoDatatype.Long:
                var l = BinaryPrimitives.ReadInt64BigEndian(data);
                return l == nullValue ? null : l;
            case VoDatatype.Float:
                return BinaryPrimitives.ReadSingleBigEndian(data);
            case VoDatatype.Double:
                return BinaryPrimitives.ReadDoubleBigEndian(data);
            case VoDatatype.FloatComplex:
                return new Complex(BinaryPrimitives.ReadSingleBigEndian(data), BinaryPrimitives.ReadSingleBigEndian(data[4..]));
            default:
                return new Complex(BinaryPrimitives.ReadDoubleBigEndian(data), BinaryPrimitives.ReadDoubleBigEndian(data[8..]));
        }
    }

    private static bool? Boolean(byte b) => b switch
    {
        (byte)'T' or (byte)'t' or (byte)'1' => true,
        (byte)'F' or (byte)'f' or (byte)'0' => false,
        _ => null,
    };

    // Fixed-length strings are padded with NULs; an empty string is a null cell, as in TABLEDATA.
    private static string? Text(string value)
    {
        var end = value.IndexOf('\0', StringComparison.Ordinal);
        var text = end >= 0 ? value[..end] : value;
        return text.Length == 0 ? null : text;
    }

    /// <summary>The decoded bytes of a base64 STREAM element, read as the XML is read.</summary>
    private sealed class XmlBase64Stream(XmlReader xml) : Stream
    {
        private bool _done;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_done)
            {
                return 0;
            }
            var n = xml.ReadElementContentAsBase64(buffer, offset, count);
            if (n == 0)
            {
                _done = true;
            }
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
