namespace DiscoveryPortal.Indexer.Facets;

/// <summary>
/// Each document's value sets across every dimension, interned as one profile. A million records share a
/// few thousand profiles, so a search adds one to its match's profile and expands profiles to values
/// once, at the end, instead of touching every dimension for every match.
/// </summary>
public sealed class FacetProfiles
{
    private readonly Dictionary<int[], int> _ids = new(SetsComparer.Instance);
    private readonly int _dimensions;
    private readonly int[] _scratch;
    private int[][] _sets;
    private int[] _docProfiles;

    public FacetProfiles(int dimensions, int capacity)
    {
        _dimensions = dimensions;
        _scratch = new int[dimensions];
        _sets = new int[16][];
        _docProfiles = new int[capacity];
        Intern(_scratch); // profile 0: no values anywhere, what a removed document points at
    }

    /// <summary>How many profiles have been seen; ids run from 0 to one less.</summary>
    public int Count { get; private set; }

    /// <summary>The profile of a document (0 when it has none).</summary>
    public int Of(int doc) => (uint)doc < (uint)_docProfiles.Length ? _docProfiles[doc] : 0;

    /// <summary>A profile's value set id in each dimension, in the columns' order.</summary>
    public ReadOnlySpan<int> SetsOf(int profile) => _sets[profile];

    /// <summary>Records a document's value sets, read from the columns after they were set.</summary>
    public void Set(int doc, IReadOnlyList<FacetColumn> columns)
    {
        for (var d = 0; d < _dimensions; d++)
        {
            _scratch[d] = columns[d].SetOf(doc);
        }
        EnsureCapacity(doc + 1);
        _docProfiles[doc] = Intern(_scratch);
    }

    public void Clear(int doc)
    {
        if (doc < _docProfiles.Length)
        {
            _docProfiles[doc] = 0;
        }
    }

    public void EnsureCapacity(int size)
    {
        if (size > _docProfiles.Length)
        {
            Array.Resize(ref _docProfiles, Math.Max(size, _docProfiles.Length * 2));
        }
    }

    private int Intern(int[] sets)
    {
        if (_ids.TryGetValue(sets, out var id))
        {
            return id;
        }
        if (Count == _sets.Length)
        {
            Array.Resize(ref _sets, _sets.Length * 2);
        }
        id = Count++;
        var copy = (int[])sets.Clone();
        _sets[id] = copy;
        _ids[copy] = id;
        return id;
    }

    private sealed class SetsComparer : IEqualityComparer<int[]>
    {
        public static SetsComparer Instance { get; } = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] sets)
        {
            var hash = new HashCode();
            foreach (var set in sets)
            {
                hash.Add(set);
            }
            return hash.ToHashCode();
        }
    }
}
