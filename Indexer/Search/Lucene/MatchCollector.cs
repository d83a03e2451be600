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
    private readonly PriorityQueue<int, (double Key, int Ordinal)> _top = new(request.Size + 1, WorstFirst.Instance);
    private readonly double _start = request.Start is { } s ? s.ToUnixTimeMilliseconds() / 1000.0 : double.NegativeInfinity;
    private readonly double _end = request.End is { } e ? e.ToUnixTimeMilliseconds() / 1000.0 : double.PositiveInfinity;
    private readonly bool _timed = request.Start is not null || request.End is not null;
    private int[] _ordinals = [];
    private bool _full;
    private (double Key, int Ordinal) _worst;
    private Scorer? _scorer;

    public long Total { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        _ordinals = SegmentOrdinals.Of(context.AtomicReader);
    }

    public void Collect(int doc)
    {
        if (_ordinals[doc] is var ordinal and >= 0)
        {
            Offer(ordinal);
        }
    }

    /// <summary>
    /// Offers every live document by its number, from the resident fields, without Lucene's segments or scorers: what a
    /// first page with no words matches. A page is document numbers (its records come from the catalogue), so no
    /// segment's document is needed; the resident fields are as new as the view or newer.
    /// </summary>
    public void CollectAllResident()
    {
        var size = fields.Size;
        if (request.Cone is not null || request.Box is not null || _timed || scored || after is not null)
        {
            for (var ordinal = 0; ordinal < size; ordinal++)
            {
                Offer(ordinal);
            }
            return;
        }
        // Facets and a page by date or title: the per-document work is the selection test, a count and a key.
        for (var ordinal = 0; ordinal < size; ordinal++)
        {
            if (!fields.IsLive(ordinal) || !counter.Collect(ordinal))
            {
                continue;
            }
            Total++;
            var k = key(ordinal);
            if (!_full || WorstFirst.Instance.Compare((k, ordinal), _worst) > 0)
            {
                Keep(ordinal, k);
            }
        }
    }

    private void Offer(int ordinal)
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
        Keep(ordinal, k);
    }

    private void Keep(int ordinal, double k)
    {
        _top.Enqueue(ordinal, (k, ordinal));
        if (_top.Count > request.Size + 1)
        {
            _top.Dequeue();
        }
        // Most matches of a broad search lose to a full page: they are turned away on the worst key kept here,
        // without a look into the heap.
        _full = _top.Count > request.Size && _top.TryPeek(out _, out _worst);
    }

    /// <summary>The page, best first, with one more than the page size when there is a next page.</summary>
    public List<(int Ordinal, double Key)> Best()
    {
        var best = new List<(int Ordinal, double Key)>(_top.Count);
        while (_top.TryDequeue(out var ordinal, out var k))
        {
            best.Add((ordinal, k.Key));
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
