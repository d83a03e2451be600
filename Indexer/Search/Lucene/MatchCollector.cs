using DiscoveryPortal.Indexer.Facets;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>
/// Sees every document the query matches, with its BM25 score: keeps those that pass the sky, ground
/// and time filters and the facet selections (read from the resident fields by document number),
/// counts facets over them, and keeps the best page after the cursor. Run under the resident fields' read lock.
/// </summary>
internal sealed class MatchCollector(
    ResidentFields fields, FacetCounter counter, SearchRequest request, Func<int, double> key, bool scored, SearchCursor? after) : ICollector
{
    private readonly PriorityQueue<(int Ordinal, int Doc), (double Key, int Ordinal)> _top = new(request.Size + 1, WorstFirst.Instance);
    private readonly double _start = request.Start is { } s ? s.ToUnixTimeMilliseconds() / 1000.0 : double.NegativeInfinity;
    private readonly double _end = request.End is { } e ? e.ToUnixTimeMilliseconds() / 1000.0 : double.PositiveInfinity;
    private readonly bool _timed = request.Start is not null || request.End is not null;
    private int[] _ordinals = [];
    private bool _full;
    private (double Key, int Ordinal) _worst;
    private Scorer? _scorer;
    private int _docBase;

    public long Total { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        _ordinals = SegmentOrdinals.Of(context.AtomicReader);
        _docBase = context.DocBase;
    }

    public void Collect(int doc)
    {
        if (_ordinals[doc] is var ordinal and >= 0)
        {
            Offer(ordinal, _docBase + doc);
        }
    }

    /// <summary>
    /// Offers every live document of the view, walking each segment's ordinals without a scorer: what a
    /// search with no words matches.
    /// </summary>
    public void CollectAllLive(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            var ordinals = SegmentOrdinals.Of(leaf.AtomicReader);
            var live = leaf.AtomicReader.LiveDocs;
            var docBase = leaf.DocBase;
            for (var doc = 0; doc < ordinals.Length; doc++)
            {
                if (ordinals[doc] is var ordinal and >= 0 && (live is null || live.Get(doc)))
                {
                    Offer(ordinal, docBase + doc);
                }
            }
        }
    }

    private void Offer(int ordinal, int doc)
    {
        if (!fields.IsLive(ordinal)
            || (request.Cone is { } cone && !fields.MeetsCone(ordinal, cone))
            || (request.Box is { } box && !fields.MeetsBox(ordinal, box))
            || (_timed && !fields.MeetsTime(ordinal, _start, _end))
            || !counter.Collect(ordinal))
        {
            return;
        }
        Total++;
        var k = scored ? _scorer!.GetScore() : key(ordinal);
        if (after is not null && !(k < after.Key || (k.Equals(after.Key) && ordinal > after.Ordinal)))
        {
            return;
        }
        if (_full && WorstFirst.Instance.Compare((k, ordinal), _worst) <= 0)
        {
            return; // no better than the worst of a full page
        }
        _top.Enqueue((ordinal, doc), (k, ordinal));
        if (_top.Count > request.Size + 1)
        {
            _top.Dequeue();
        }
        // Most matches of a broad search lose to a full page: they are turned away on the worst key kept here,
        // without a look into the heap.
        _full = _top.Count > request.Size && _top.TryPeek(out _, out _worst);
    }

    /// <summary>The page, best first, with one more than the page size when there is a next page.</summary>
    public List<(int Ordinal, int Doc, double Key)> Best()
    {
        var best = new List<(int Ordinal, int Doc, double Key)>(_top.Count);
        while (_top.TryDequeue(out var hit, out var k))
        {
            best.Add((hit.Ordinal, hit.Doc, k.Key));
        }
        best.Reverse();
        return best;
    }

    /// <summary>Orders the heap so the worst hit (lowest key, then highest ordinal) leaves first.</summary>
    private sealed class WorstFirst : IComparer<(double Key, int Ordinal)>
    {
        public static WorstFirst Instance { get; } = new();

        public int Compare((double Key, int Ordinal) x, (double Key, int Ordinal) y)
        {
            var byKey = x.Key.CompareTo(y.Key);
            return byKey != 0 ? byKey : y.Ordinal.CompareTo(x.Ordinal);
        }
    }
}
