using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>
/// Lucene's default codec with stored fields compressed by deflate in 4 KB chunks. No field is stored since hits
/// read their records from the catalogue, but indexes of earlier layouts were written with this codec: it stays
/// known so they open, are found to be of an older layout and are rebuilt.
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
