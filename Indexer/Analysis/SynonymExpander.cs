namespace DiscoveryPortal.Indexer.Analysis;

/// <summary>
/// Widens a record's text with the synonyms of the phrases it contains ("UV" → ultraviolet, EUV, ...;
/// "sea surface temperature" → SST), looked up by folded word sequence. Done beside the token stream
/// rather than in it: the word lists are matched with one dictionary probe per word and phrase
/// length, several times faster than a synonym filter buffering every token.
/// </summary>
public sealed class SynonymExpander
{
    private readonly Dictionary<string, int[]> _groupsOf = new(StringComparer.Ordinal);
    private readonly string[][] _members;
    private readonly int _longest;

    public SynonymExpander(SearchVocabulary vocabulary)
    {
        _members = vocabulary.SynonymGroups.Select(g => g.Select(PortalAnalyzer.Fold).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToArray()).ToArray();
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var g = 0; g < _members.Length; g++)
        {
            foreach (var phrase in _members[g])
            {
                if (!groups.TryGetValue(phrase, out var list))
                {
                    groups[phrase] = list = [];
                }
                list.Add(g);
                _longest = Math.Max(_longest, phrase.Count(c => c == ' ') + 1);
            }
        }
        foreach (var (phrase, list) in groups)
        {
            _groupsOf[phrase] = [.. list.Distinct()];
        }
    }

    /// <summary>The other members of every group a phrase of the texts belongs to, or nothing.</summary>
    public IReadOnlyList<string> Expand(IEnumerable<string> texts)
    {
        if (_groupsOf.Count == 0)
        {
            return [];
        }
        HashSet<int>? found = null;
        HashSet<string>? present = null;
        foreach (var text in texts)
        {
            var words = PortalAnalyzer.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                var phrase = words[i];
                for (var length = 1; length <= _longest && i + length <= words.Length; length++)
                {
                    if (length > 1)
                    {
                        phrase += " " + words[i + length - 1];
                    }
                    if (_groupsOf.TryGetValue(phrase, out var groups))
                    {
                        (found ??= []).UnionWith(groups);
                        (present ??= new HashSet<string>(StringComparer.Ordinal)).Add(phrase);
                    }
                }
            }
        }
        if (found is null)
        {
            return [];
        }
        return found.SelectMany(g => _members[g]).Where(p => !present!.Contains(p)).Distinct(StringComparer.Ordinal).ToList();
    }
}
