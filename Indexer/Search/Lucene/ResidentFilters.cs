using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>
/// The records whose sky footprint meets a cone (an object's position and size), read from the resident
/// footprints by document number. Footprints far larger than the object (all-sky surveys) are left out:
/// they contain every object and are about none. Evaluated under the resident fields' read lock.
/// </summary>
internal sealed class SkyConeFilter(ResidentFields fields, Cone cone) : Filter
{
    /// <summary>The widest footprint taken to be about an object of this size.</summary>
    private double WidestFootprint => Math.Max(5.0, 20 * cone.Radius);

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var reader = context.AtomicReader;
        var ordinals = reader.GetNumericDocValues(IndexDocument.Ordinal);
        var matches = new FixedBitSet(reader.MaxDoc);
        if (ordinals is null)
        {
            return matches;
        }
        var widest = WidestFootprint;
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (acceptDocs is not null && !acceptDocs.Get(doc))
            {
                continue;
            }
            var ordinal = (int)ordinals.Get(doc);
            if (fields.IsLive(ordinal) && fields.FootprintRadius(ordinal) <= widest && fields.MeetsCone(ordinal, cone))
            {
                matches.Set(doc);
            }
        }
        return matches;
    }
}

/// <summary>The records whose time range overlaps [start, end] (unix seconds), read from the resident times by document number.</summary>
internal sealed class TimeOverlapFilter(ResidentFields fields, double start, double end) : Filter
{
    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var reader = context.AtomicReader;
        var ordinals = reader.GetNumericDocValues(IndexDocument.Ordinal);
        var matches = new FixedBitSet(reader.MaxDoc);
        if (ordinals is null)
        {
            return matches;
        }
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if ((acceptDocs is null || acceptDocs.Get(doc)) && fields.MeetsTime((int)ordinals.Get(doc), start, end))
            {
                matches.Set(doc);
            }
        }
        return matches;
    }
}
