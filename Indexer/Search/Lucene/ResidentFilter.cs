using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>
/// The documents whose resident fields pass a test, read by document number: a query clause over what
/// the index keeps in memory rather than in its terms. Evaluated under the resident fields' read lock.
/// </summary>
internal sealed class ResidentFilter(Func<int, bool> passes) : Filter
{
    /// <summary>
    /// The records whose sky footprint meets a cone (an object's position and size). Footprints far larger
    /// than the object (all-sky surveys) are left out: they contain every object and are about none.
    /// </summary>
    public static ResidentFilter SkyCone(ResidentFields fields, Cone cone)
    {
        var widest = Math.Max(5.0, 20 * cone.Radius);
        return new(ordinal => fields.IsLive(ordinal) && fields.FootprintRadius(ordinal) <= widest && fields.MeetsCone(ordinal, cone));
    }

    /// <summary>The records whose time range overlaps [start, end] (unix seconds).</summary>
    public static ResidentFilter TimeOverlap(ResidentFields fields, double start, double end) =>
        new(ordinal => fields.MeetsTime(ordinal, start, end));

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var reader = context.AtomicReader;
        var ordinals = SegmentOrdinals.Of(reader);
        var matches = new FixedBitSet(reader.MaxDoc);
        for (var doc = 0; doc < ordinals.Length; doc++)
        {
            if (ordinals[doc] < 0 || (acceptDocs is not null && !acceptDocs.Get(doc)))
            {
                continue;
            }
            if (passes(ordinals[doc]))
            {
                matches.Set(doc);
            }
        }
        return matches;
    }
}
