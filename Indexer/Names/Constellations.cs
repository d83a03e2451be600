namespace DiscoveryPortal.Indexer.Names;

/// <summary>
/// The 88 constellations of <c>constellations.csv</c>: each name and genitive ("Scorpius", "Scorpii") stands
/// for its IAU abbreviation ("Sco"), so "Scorpius X-1" and "Sco X-1" are one name.
/// </summary>
internal sealed class Constellations
{
    private readonly Dictionary<string, string> _abbreviationOf = new(StringComparer.Ordinal);

    private Constellations()
    {
    }

    /// <summary>Words of the longest name or genitive ("Canis Majoris" has two).</summary>
    public int LongestName { get; private set; } = 1;

    /// <summary>The lowercase abbreviation for a name or genitive given as folded lowercase words joined by one space.</summary>
    public string? AbbreviationOf(ReadOnlySpan<char> words) =>
        _abbreviationOf.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(words, out var abbreviation) ? abbreviation : null;

    public static Constellations Load(string path)
    {
        var constellations = new Constellations();
        foreach (var fields in SemicolonFile.Rows(path, "abbreviation;name;genitive"))
        {
            var abbreviation = fields[0].ToLowerInvariant();
            foreach (var name in fields.Skip(1))
            {
                var words = NameKey.Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                constellations._abbreviationOf[string.Join(' ', words)] = abbreviation;
                constellations.LongestName = Math.Max(constellations.LongestName, words.Length);
            }
        }
        if (constellations._abbreviationOf.Count == 0)
        {
            throw new InvalidDataException($"{path} lists no constellation.");
        }
        return constellations;
    }
}
