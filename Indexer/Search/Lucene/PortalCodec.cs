using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>
/// Lucene's default codec with the stored record compressed by deflate in chunks of a few records. The
/// default (LZ4 over 16 KB chunks) decompresses half a chunk byte by byte to read one hit: the larger
/// part of a selective search. Deflate over 4 KB reads a tenth as much, natively, and stores less.
/// </summary>
[CodecName("Portal46")]
public sealed class PortalCodec : FilterCodec
{
    private const int ChunkBytes = 4 * 1024;

    private readonly StoredFieldsFormat _stored = new CompressingStoredFieldsFormat("PortalStoredFields", CompressionMode.HIGH_COMPRESSION, ChunkBytes);

    public PortalCodec()
        : base(new Lucene46Codec())
    {
    }

    public override StoredFieldsFormat StoredFieldsFormat => _stored;

    /// <summary>Makes the codec known to Lucene, which finds a segment's codec by the name the segment records.</summary>
    public static void Register() => Codec.SetCodecFactory(new DefaultCodecFactory { CustomCodecTypes = [typeof(PortalCodec)] });
}
