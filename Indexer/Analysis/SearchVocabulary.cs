using System.Security.Cryptography;
using System.Text;

namespace DiscoveryPortal.Indexer.Analysis;

/// <summary>
/// The word lists analysis reads, from data files beside the mission vocabulary: synonym groups, stop
/// words (with the filler of questions) and stem overrides. <see cref="Fingerprint"/> changes with any
/// of them, so an index built with other lists is rebuilt.
/// </summary>
public sealed class SearchVocabulary
{
    public const string SynonymsFile = "search-synonyms.txt";
    public const string StopWordsFile = "search-stopwords.txt";
    public const string StemsFile = "search-stems.txt";

    public required IReadOnlyList<IReadOnlyList<string>> SynonymGroups { get; init; }
    public required IReadOnlyList<string> StopWords { get; init; }
    public required IReadOnlyList<(string Word, string Stem)> Stems { get; init; }
    public required string Fingerprint { get; init; }

    public static SearchVocabulary Empty { get; } = new() { SynonymGroups = [], StopWords = [], Stems = [], Fingerprint = "none" };

    /// <summary>Reads the lists from a folder; a missing file is an empty list.</summary>
    public static SearchVocabulary Load(string directory)
    {
        var synonyms = Lines(directory, SynonymsFile);
        var stops = Lines(directory, StopWordsFile);
        var stems = Lines(directory, StemsFile);
        return new SearchVocabulary
        {
            SynonymGroups = synonyms
                .Select(l => (IReadOnlyList<string>)l.Split(',').Select(w => w.Trim()).Where(w => w.Length > 0).ToList())
                .Where(g => g.Count > 1)
                .ToList(),
            StopWords = stops,
            Stems = stems.Select(l => l.Split('\t', 2)).Where(p => p.Length == 2).Select(p => (p[0].Trim(), p[1].Trim())).ToList(),
            Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
                string.Join("\n", synonyms) + "\u0001" + string.Join("\n", stops) + "\u0001" + string.Join("\n", stems))))[..16],
        };
    }

    private static List<string> Lines(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            return [];
        }
        return File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }
}
