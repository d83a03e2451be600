using System.Buffers;
using System.Data.Common;
using System.IO.Compression;
using System.Text.Json;
using Dapper;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>
/// How every backend keeps a record in the <c>assets.record</c> column: one format byte, then the record.
/// The byte says how to read the rest, so a later format can be written while older rows stay readable.
/// <list type="bullet">
/// <item><c>{</c>: the record's UTF-8 JSON as it is (the byte is the JSON's own first character): rows moved
/// over from the old <c>record_json</c> column before they are packed.</item>
/// <item><c>0x01</c>: the record's UTF-8 JSON compressed with Brotli at quality <see cref="Quality"/>: what every write stores.</item>
/// </list>
/// </summary>
public static class StoredRecord
{
    private const byte PlainJson = (byte)'{';
    private const byte BrotliJson = 0x01;

    // Measured on recorded and generated records (Indexer/BENCHMARKS.md): quality 5 keeps a record in 49 to 55 % of
    // its JSON's bytes, 4 % less than deflate at its default level, for about 25 µs more a write and a few µs a read.
    private const int Quality = 5;

    // Records are a few kilobytes at most: a 64 KB window holds any of them whole.
    private const int Window = 16;

    private const int MaxJson = 64 << 20;

    /// <summary>What a backend writes for a record: its stored form, and the hash of its content that tells an unchanged record.</summary>
    public static (byte[] Stored, byte[] Hash) Of(AssetRecord record)
    {
        var (json, hash) = RecordJson.Content(record);
        return (Encode(json), hash);
    }

    /// <summary>The stored form of a record's UTF-8 JSON.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> json)
    {
        var buffer = new byte[1 + BrotliEncoder.GetMaxCompressedLength(json.Length)];
        buffer[0] = BrotliJson;
        if (!BrotliEncoder.TryCompress(json, buffer.AsSpan(1), out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli could not compress a record into its largest possible size.");
        }
        return buffer[..(1 + written)];
    }

    /// <summary>The record asset <paramref name="id"/> keeps in <paramref name="stored"/>; an unreadable value is a <see cref="StoredRecordException"/> naming it.</summary>
    public static AssetRecord Decode(string id, byte[]? stored)
    {
        try
        {
            return RecordJson.Deserialize(Json(stored));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new StoredRecordException(id, e);
        }
    }

    /// <summary>The UTF-8 JSON a stored value holds.</summary>
    public static ReadOnlySpan<byte> Json(byte[]? stored)
    {
        if (stored is null || stored.Length == 0)
        {
            throw new InvalidDataException("the stored record is empty");
        }
        switch (stored[0])
        {
            case PlainJson:
                return stored;
            case BrotliJson:
                return Unpack(stored.AsSpan(1));
            default:
                throw new InvalidDataException($"the stored record has an unknown format byte 0x{stored[0]:x2}");
        }
    }

    private static ReadOnlySpan<byte> Unpack(ReadOnlySpan<byte> packed)
    {
        // Brotli does not say the length it unpacks to: the buffer grows until the record fits.
        using var decoder = new BrotliDecoder();
        var output = new byte[Math.Max(4096, packed.Length * 8)];
        var total = 0;
        while (true)
        {
            var status = decoder.Decompress(packed, output.AsSpan(total), out var consumed, out var written);
            packed = packed[consumed..];
            total += written;
            switch (status)
            {
                case OperationStatus.Done:
                    return output.AsSpan(0, total);
                case OperationStatus.DestinationTooSmall when output.Length < MaxJson:
                    Array.Resize(ref output, output.Length * 2);
                    break;
                default:
                    throw new InvalidDataException(status == OperationStatus.DestinationTooSmall
                        ? "the stored record unpacks to more than 64 MB" : "the stored record is not whole Brotli");
            }
        }
    }

    /// <summary>
    /// Packs every row still in the plain format, in batches of <paramref name="batch"/>, inside the migration's
    /// transaction. The same SQL runs on both backends; a value already packed is left as it is.
    /// </summary>
    public static int PackAll(DbConnection connection, DbTransaction tx, int batch = 2000)
    {
        var packed = 0;
        var after = long.MinValue;
        while (true)
        {
            var rows = connection.Query<(long Ordinal, byte[] Record)>(
                "SELECT ordinal, record FROM assets WHERE ordinal > @after ORDER BY ordinal LIMIT @batch", new { after, batch }, tx).AsList();
            if (rows.Count == 0)
            {
                return packed;
            }
            var plain = rows.Where(r => r.Record.Length > 0 && r.Record[0] == PlainJson)
                .Select(r => new { ordinal = r.Ordinal, record = Encode(r.Record) }).ToList();
            connection.Execute("UPDATE assets SET record = @record WHERE ordinal = @ordinal", plain, tx);
            packed += plain.Count;
            after = rows[^1].Ordinal;
        }
    }
}

/// <summary>A record the catalogue holds that cannot be read back (a damaged value): the message names the asset.</summary>
public sealed class StoredRecordException(string id, Exception inner)
    : Exception($"The catalogue's record of asset '{id}' cannot be read ({inner.Message}); harvest or register it again to replace it.", inner)
{
    public string AssetId { get; } = id;
}
