namespace DiscoveryPortal.Indexer.Names;

/// <summary>
/// When query words that spell a known name are taken as that object, so that ordinary queries stay ordinary.
/// </summary>
/// <remarks>
/// A run of words whose key is a known name never counts when it starts with a function word ("and galaxy" is not
/// "Andromeda Galaxy", "for a" is not "Fornax A"). Otherwise it counts when one of these holds:
/// <list type="bullet">
/// <item>the name was written in the curated list ("Crab", "Orion", "Andromeda", "LMC", "North Star");</item>
/// <item>a word holds a digit ("M87", "3C 273", "NGC 1068", "Sco X-1"), unless it is one word of one letter and a
///   number other than Messier's: "C6" is a MODIS collection and "C14" carbon, so Caldwell needs "C 6"; "B04" is a band;</item>
/// <item>of two or more words, one is not an ordinary word ("Small Magellanic Cloud", "Cyg A", "Omega Centauri"), or
///   is a constellation's name ("Sculptor Dwarf Elliptical"), or the last names a kind of object ("Ring Nebula",
///   "Whirlpool Galaxy"); "Star Queen" or "Silver Coin" are just words;</item>
/// <item>a single word has at least four letters and is neither an English word nor a mission ("Hyades", "Alnilam"):
///   "Ring", "Helix", "Eagle", "Bubble" need "Nebula" after them, and "Herschel", "Planck", "Gaia" never resolve.</item>
/// </list>
/// The ordinary words are <c>ordinary-words.txt</c>: the lowercase words of an English dictionary, the missions
/// and the solar-system bodies.
/// </remarks>
internal sealed class NameMatchRule(HashSet<string> ordinaryWords, Constellations constellations)
{
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "of", "for", "in", "on", "at", "by", "to", "with", "from", "per", "as",
        "is", "are", "not", "no", "into", "via", "near", "around", "over", "under", "about", "than", "vs",
        "versus", "between", "within", "without", "any", "all", "some", "which", "what", "where", "there",
    };

    private static readonly HashSet<string> KindsOfObject = new(StringComparer.Ordinal)
    {
        "nebula", "nebulae", "galaxy", "galaxies", "cluster", "cloud", "pulsar", "quasar", "supernova", "remnant",
    };

    public static NameMatchRule Load(string path, Constellations constellations) =>
        new(File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal), constellations);

    /// <summary>Whether words[start .. start+length), whose key names an object, is taken as that object.</summary>
    public bool Accepts(IReadOnlyList<string> words, int start, int length, bool curated)
    {
        if (FunctionWords.Contains(Letters(words[start])))
        {
            return false;
        }
        if (curated)
        {
            return true;
        }
        var digits = false;
        for (var i = start; i < start + length; i++)
        {
            digits |= words[i].Any(char.IsDigit);
        }
        if (digits)
        {
            return length > 1 || !IsLetterAndNumber(words[start]);
        }
        if (length > 1)
        {
            for (var i = start; i < start + length; i++)
            {
                var letters = Letters(words[i]);
                if (!IsOrdinary(letters) || constellations.AbbreviationOf(letters) is not null)
                {
                    return true;
                }
            }
            return KindsOfObject.Contains(Letters(words[start + length - 1]));
        }
        var word = Letters(words[start]);
        return word.Length >= 4 && !IsOrdinary(word);
    }

    /// <summary>
    /// A target name a catalogue record carries that says nothing of where it is: all its words are ordinary
    /// ("FIELD-1", "sky flat", "none", "Jupiter"), whatever numbers come with them.
    /// </summary>
    public bool SaysNothing(string name)
    {
        var letters = new string([.. NameKey.Fold(name).Select(c => char.IsLetter(c) ? c : ' ')]);
        var words = letters.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 || words.All(IsOrdinary);
    }

    private bool IsOrdinary(string letters) => letters.Length == 0 || FunctionWords.Contains(letters) || ordinaryWords.Contains(letters);

    private static string Letters(string word) => new([.. NameKey.Fold(word).Where(char.IsLetter)]);

    private static bool IsLetterAndNumber(string word)
    {
        var letters = word.Count(char.IsLetter);
        return letters == 1 && char.IsLetter(word[0]) && char.ToLowerInvariant(word[0]) != 'm' && word.Skip(1).All(char.IsDigit);
    }
}
