namespace DiscoveryPortal.Indexer.Facets;

/// <summary>
/// Maps the labels of one dimension to dense ordinals, with a parent for each ordinal (-1 at the
/// top), so hierarchical counts roll up through an int array rather than strings.
/// </summary>
public sealed class FacetTaxonomy
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _labels = [];
    private readonly List<int> _parents = [];

    public int Count => _labels.Count;

    public int GetOrAdd(string label, int parent = -1)
    {
        if (_ordinals.TryGetValue(label, out var ordinal))
        {
            return ordinal;
        }
        ordinal = _labels.Count;
        _ordinals[label] = ordinal;
        _labels.Add(label);
        _parents.Add(parent);
        return ordinal;
    }

    /// <summary>The ordinal of a label (case-insensitive), or -1 when no document has it.</summary>
    public int Find(string label) => _ordinals.GetValueOrDefault(label, -1);

    public string Label(int ordinal) => _labels[ordinal];

    public int Parent(int ordinal) => _parents[ordinal];

    /// <summary>True when <paramref name="ordinal"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsWithin(int ordinal, int ancestor)
    {
        for (var o = ordinal; o >= 0; o = _parents[o])
        {
            if (o == ancestor)
            {
                return true;
            }
        }
        return false;
    }
}
