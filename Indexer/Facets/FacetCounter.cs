namespace DiscoveryPortal.Indexer.Facets;

/// <summary>
/// Counts facet values over the documents that pass every non-facet filter, in one pass with
/// drill-sideways: a document that fails exactly one dimension's selection still counts toward that
/// dimension, so the sidebar always shows the alternatives to what is selected.
/// </summary>
public sealed class FacetCounter
{
    private readonly FacetColumn[] _columns;
    private readonly FacetSelection?[] _selections;
    // Per dimension, how many counted documents hold each value set; expanded to values once, at the end.
    private readonly int[][] _setCounts;
    private readonly int[] _counted;

    /// <summary>Counts the <c>counted</c> dimensions (all when null); every selection still filters.</summary>
    public FacetCounter(IReadOnlyList<FacetColumn> columns, IReadOnlyDictionary<string, FacetSelection> selections, IReadOnlySet<string>? counted = null)
    {
        _columns = [.. columns];
        _selections = columns.Select(c => selections.GetValueOrDefault(c.Dimension.Name)).ToArray();
        _setCounts = columns.Select(c => new int[c.SetCount]).ToArray();
        _counted = Enumerable.Range(0, columns.Count).Where(d => counted is null || counted.Contains(columns[d].Dimension.Name)).ToArray();
    }

    /// <summary>Offers one document; returns true when it matches every selection (a hit).</summary>
    public bool Collect(int doc)
    {
        var failed = -1;
        for (var d = 0; d < _selections.Length; d++)
        {
            if (_selections[d] is { } selection && !selection.Matches(doc))
            {
                if (failed >= 0)
                {
                    return false; // fails two dimensions: counts nowhere
                }
                failed = d;
            }
        }
        if (failed >= 0)
        {
            Count(failed, doc); // a near miss counts only toward the dimension it missed
            return false;
        }
        foreach (var d in _counted)
        {
            Count(d, doc);
        }
        return true;
    }

    /// <summary>The counts per dimension, hierarchical ones rolled up to their ancestors.</summary>
    public IReadOnlyDictionary<string, int[]> Counts()
    {
        var result = new Dictionary<string, int[]>();
        for (var d = 0; d < _columns.Length; d++)
        {
            var column = _columns[d];
            var counts = new int[column.Taxonomy.Count];
            var setCounts = _setCounts[d];
            for (var set = 1; set < setCounts.Length; set++)
            {
                if (setCounts[set] > 0)
                {
                    foreach (var value in column.ValuesOfSet(set))
                    {
                        counts[value] += setCounts[set];
                    }
                }
            }
            var taxonomy = column.Taxonomy;
            if (_columns[d].Dimension.Hierarchical)
            {
                // Children always get higher ordinals than their parents, so walking down the ordinals
                // adds each subtree into its parent once.
                for (var o = counts.Length - 1; o >= 0; o--)
                {
                    var parent = taxonomy.Parent(o);
                    if (parent >= 0)
                    {
                        counts[parent] += counts[o];
                    }
                }
            }
            result[_columns[d].Dimension.Name] = counts;
        }
        return result;
    }

    private void Count(int dimension, int doc)
    {
        var set = _columns[dimension].SetOf(doc);
        var counts = _setCounts[dimension];
        if (set < counts.Length)
        {
            counts[set]++;
        }
    }
}
