using System.Buffers;

namespace DiscoveryPortal.Indexer.Facets;

/// <summary>
/// Counts facet values over the documents that pass every non-facet filter, in one pass with
/// drill-sideways: a document that fails exactly one dimension's selection still counts toward that
/// dimension, so the sidebar always shows the alternatives to what is selected. A match costs one
/// count on its document's profile; what each profile passes or misses is decided once per search.
/// </summary>
public sealed class FacetCounter : IDisposable
{
    private const int Hit = -1;
    private const int Miss = -2;

    private readonly FacetColumn[] _columns;
    private readonly FacetProfiles _profiles;
    private readonly int[] _counted;
    // Per profile: Hit, Miss (fails two selections or more) or the one dimension whose selection it fails.
    private readonly int[] _status;
    private readonly int[] _matches;
    private readonly int _profileCount;

    /// <summary>Counts the <c>counted</c> dimensions (all when null); every selection still filters.</summary>
    public FacetCounter(IReadOnlyList<FacetColumn> columns, FacetProfiles profiles, IReadOnlyDictionary<string, FacetSelection> selections, IReadOnlySet<string>? counted = null)
    {
        _columns = [.. columns];
        _profiles = profiles;
        _counted = Enumerable.Range(0, columns.Count).Where(d => counted is null || counted.Contains(columns[d].Dimension.Name)).ToArray();
        // Pooled: with tens of thousands of profiles these would be large-object allocations on every search.
        _profileCount = profiles.Count;
        _matches = ArrayPool<int>.Shared.Rent(_profileCount);
        Array.Clear(_matches, 0, _profileCount);
        _status = ArrayPool<int>.Shared.Rent(_profileCount);
        var selected = Enumerable.Range(0, columns.Count)
            .Select(d => (Dimension: d, Selection: selections.GetValueOrDefault(columns[d].Dimension.Name)))
            .Where(s => s.Selection is not null).ToArray();
        if (selected.Length == 0)
        {
            Array.Fill(_status, Hit, 0, _profileCount);
        }
        for (var p = 0; p < _profileCount && selected.Length > 0; p++)
        {
            var sets = profiles.SetsOf(p);
            var status = Hit;
            foreach (var (d, selection) in selected)
            {
                if (!selection!.MatchesSet(sets[d]))
                {
                    if (status != Hit)
                    {
                        status = Miss;
                        break;
                    }
                    status = d;
                }
            }
            _status[p] = status;
        }
    }

    /// <summary>Offers one document; returns true when it matches every selection (a hit).</summary>
    public bool Collect(int doc)
    {
        var profile = _profiles.Of(doc);
        if ((uint)profile >= (uint)_profileCount)
        {
            return false; // written after this search began: not in its view
        }
        _matches[profile]++;
        return _status[profile] == Hit;
    }

    /// <summary>The counts per dimension, hierarchical ones rolled up to their ancestors.</summary>
    public IReadOnlyDictionary<string, int[]> Counts()
    {
        var counts = _columns.Select(c => new int[c.Taxonomy.Count]).ToArray();
        for (var p = 0; p < _profileCount; p++)
        {
            var matches = _matches[p];
            if (matches == 0 || _status[p] == Miss)
            {
                continue;
            }
            var sets = _profiles.SetsOf(p);
            if (_status[p] == Hit)
            {
                foreach (var d in _counted)
                {
                    Add(counts[d], _columns[d], sets[d], matches);
                }
            }
            else
            {
                // A near miss counts only toward the dimension it missed.
                Add(counts[_status[p]], _columns[_status[p]], sets[_status[p]], matches);
            }
        }
        var result = new Dictionary<string, int[]>();
        for (var d = 0; d < _columns.Length; d++)
        {
            var taxonomy = _columns[d].Taxonomy;
            if (_columns[d].Dimension.Hierarchical)
            {
                // Children always get higher ordinals than their parents, so walking down the ordinals
                // adds each subtree into its parent once.
                for (var o = counts[d].Length - 1; o >= 0; o--)
                {
                    var parent = taxonomy.Parent(o);
                    if (parent >= 0)
                    {
                        counts[d][parent] += counts[d][o];
                    }
                }
            }
            result[_columns[d].Dimension.Name] = counts[d];
        }
        return result;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_matches);
        ArrayPool<int>.Shared.Return(_status);
    }

    private static void Add(int[] counts, FacetColumn column, int set, int matches)
    {
        foreach (var value in column.ValuesOfSet(set))
        {
            if (value < counts.Length)
            {
                counts[value] += matches;
            }
        }
    }
}
