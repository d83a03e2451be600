namespace DiscoveryPortal.Indexer.Facets;

/// <summary>
/// The values selected in one dimension, expanded to every ordinal they cover: selecting a mission
/// family selects each of its missions.
/// </summary>
public sealed class FacetSelection
{
    private readonly bool[] _covered;
    private readonly bool[] _coveredSets;

    public FacetSelection(FacetColumn column, IEnumerable<string> labels)
    {
        Column = column;
        var taxonomy = column.Taxonomy;
        Selected = labels.Select(taxonomy.Find).Where(o => o >= 0).ToHashSet();
        Labels = labels.ToList();
        _covered = new bool[taxonomy.Count];
        for (var o = 0; o < taxonomy.Count; o++)
        {
            _covered[o] = Selected.Any(s => taxonomy.IsWithin(o, s));
        }
        // Decided once per value set, so testing a document is one lookup.
        _coveredSets = new bool[column.SetCount];
        for (var set = 0; set < _coveredSets.Length; set++)
        {
            foreach (var value in column.ValuesOfSet(set))
            {
                _coveredSets[set] |= value < _covered.Length && _covered[value];
            }
        }
    }

    public FacetColumn Column { get; }

    public IReadOnlySet<int> Selected { get; }

    public IReadOnlyList<string> Labels { get; }

    public bool Matches(int doc) => MatchesSet(Column.SetOf(doc));

    /// <summary>Whether a value set of this dimension holds a selected value.</summary>
    public bool MatchesSet(int set) => (uint)set < (uint)_coveredSets.Length && _coveredSets[set];
}
