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

    // Lazy: a boost beside required words is only asked about the documents those words match, so
    // testing every document of the segment up front (a bit set per query) would cost more than the search.
    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs) =>
        new Matching(SegmentOrdinals.Of(context.AtomicReader), acceptDocs, passes);

    private sealed class Matching(int[] ordinals, IBits? acceptDocs, Func<int, bool> passes) : DocIdSet
    {
        public override DocIdSetIterator GetIterator() => new Walk(ordinals, acceptDocs, passes);
    }

    private sealed class Walk(int[] ordinals, IBits? acceptDocs, Func<int, bool> passes) : DocIdSetIterator
    {
        private int _doc = -1;

        public override int DocID => _doc;

        public override int NextDoc() => Advance(_doc + 1);

        public override int Advance(int target)
        {
            for (var doc = Math.Max(target, _doc + 1); doc < ordinals.Length; doc++)
            {
                if (ordinals[doc] is var ordinal and >= 0 && (acceptDocs is null || acceptDocs.Get(doc)) && passes(ordinal))
                {
                    return _doc = doc;
                }
            }
            return _doc = NO_MORE_DOCS;
        }

        public override long GetCost() => ordinals.Length;
    }
}
