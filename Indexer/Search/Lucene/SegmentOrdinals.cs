using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>
/// Each segment's document-to-ordinal map as a plain array, read once per segment and kept while the
/// segment is. Searches look up the ordinal of every matching document; the packed doc-values reader
/// was a seventh of a search's time, an array lookup is a load.
/// </summary>
internal static class SegmentOrdinals
{
    // Keyed by the segment's core, which its reopened views (new deletions, same documents) share.
    private static readonly ConditionalWeakTable<object, int[]> Maps = new();

    /// <summary>The ordinal of each document of the segment, -1 where a document has none.</summary>
    public static int[] Of(AtomicReader reader) => Maps.GetValue(reader.CoreCacheKey, _ => Read(reader));

    private static int[] Read(AtomicReader reader)
    {
        var map = new int[reader.MaxDoc];
        var ordinals = reader.GetNumericDocValues(IndexDocument.Ordinal);
        if (ordinals is null)
        {
            Array.Fill(map, -1);
            return map;
        }
        for (var doc = 0; doc < map.Length; doc++)
        {
            map[doc] = (int)ordinals.Get(doc);
        }
        return map;
    }
}
