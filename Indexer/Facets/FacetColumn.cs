namespace DiscoveryPortal.Indexer.Facets;

/// <summary>
/// The values one dimension holds for each document. Documents point at interned value sets, so a
/// million records with a handful of distinct instrument combinations cost one int each.
/// </summary>
public sealed class FacetColumn
{
    private readonly Dictionary<string, int> _setIds = new(StringComparer.Ordinal) { [""] = 0 };
    // Arrays, not List<T>: this is read once per document per search, and generic collections behind
    // interfaces were measured several times slower here than plain arrays.
    private int[][] _sets = [[]];
    private int _setCount = 1;
    private readonly Dictionary<int, int> _singleSetIds = [];
    private int[] _docSets;

    public FacetColumn(FacetDimension dimension, int capacity)
    {
        Dimension = dimension;
        _docSets = new int[capacity];
    }

    public FacetDimension Dimension { get; }

    public FacetTaxonomy Taxonomy { get; } = new();

    /// <summary>The ordinals of a document's values (empty when it has none).</summary>
    public ReadOnlySpan<int> Values(int doc) => _sets[SetOf(doc)];

    /// <summary>The id of a document's value set (0: none). Documents sharing their values share the id.</summary>
    public int SetOf(int doc) => (uint)doc < (uint)_docSets.Length ? _docSets[doc] : 0;

    /// <summary>How many distinct value sets the documents hold, the empty one included.</summary>
    public int SetCount => _setCount;

    /// <summary>The ordinals of one value set.</summary>
    public ReadOnlySpan<int> ValuesOfSet(int set) => _sets[set];

    public void Set(int doc, int ordinal)
    {
        if (!_singleSetIds.TryGetValue(ordinal, out var id))
        {
            id = Intern([ordinal]);
            _singleSetIds[ordinal] = id;
        }
        EnsureCapacity(doc + 1);
        _docSets[doc] = id;
    }

    public void Set(int doc, IEnumerable<int> ordinals)
    {
        var values = ordinals.Distinct().Order().ToArray();
        if (values.Length == 1)
        {
            Set(doc, values[0]);
            return;
        }
        EnsureCapacity(doc + 1);
        _docSets[doc] = values.Length == 0 ? 0 : Intern(values);
    }

    private int Intern(int[] values)
    {
        var key = string.Join(',', values);
        if (!_setIds.TryGetValue(key, out var id))
        {
            if (_setCount == _sets.Length)
            {
                Array.Resize(ref _sets, _sets.Length * 2);
            }
            id = _setCount++;
            _sets[id] = values;
            _setIds[key] = id;
        }
        return id;
    }

    public void Clear(int doc)
    {
        if (doc < _docSets.Length)
        {
            _docSets[doc] = 0;
        }
    }

    public void EnsureCapacity(int size)
    {
        if (size > _docSets.Length)
        {
            Array.Resize(ref _docSets, Math.Max(size, _docSets.Length * 2));
        }
    }
}
