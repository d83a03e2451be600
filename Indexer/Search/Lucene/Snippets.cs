using DiscoveryPortal.Indexer.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>
/// The best passage of each hit's description as plain text with the query's words located in it. The description
/// is analysed as the index analyses it, so a match is whatever the query matched ("spectra" for "spectrum", "ray"
/// in "gamma-ray"); it is cut into passages of about <see cref="Length"/> characters at word starts, and the passage
/// holding most of the query's distinct words is shown, the earliest of equals. Made once per search and reused for
/// every hit of the page. One analysis pass a hit: Lucene's highlighter did the same work through a fragment scorer
/// and a marked copy of the text, and was half of a selective search.
/// </summary>
internal sealed class Snippets
{
    private const int Length = 240;
    private const int MaxCharsAnalysed = 20_000;
    private readonly HashSet<string>? _words;
    private readonly Analyzer _analyzer;

    public Snippets(global::Lucene.Net.Search.Query query, IndexSearcher searcher, Analyzer analyzer)
    {
        _analyzer = analyzer;
        if (query is MatchAllDocsQuery)
        {
            return;
        }
        // Rewritten first, so prefixes have become the words they stand for.
        var terms = new HashSet<Term>();
        searcher.Rewrite(query).ExtractTerms(terms);
        var words = terms.Where(t => t.Field == TextFields.Description).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        _words = words.Count > 0 ? words : null;
    }

    public Snippet For(string description)
    {
        description = Snippet.Strip(description);
        if (_words is not null && description.Length > 0 && Matches(description) is { Count: > 0 } matches)
        {
            return Best(description, matches);
        }
        return Snippet.Plain(description.Length <= Length ? description : description[..Length] + "…");
    }

    /// <summary>
    /// Where the query's words are, in text order, each with the passage it starts in; <paramref name="Bounds"/> are where
    /// passages begin: at the first word starting at or after each multiple of <see cref="Length"/>, as Lucene's simple
    /// fragmenter cuts.
    /// </summary>
    private sealed record Found(List<(int Start, int End, string Word, int Passage)> Words, List<int> Bounds)
    {
        public int Count => Words.Count;
    }

    private Found Matches(string text)
    {
        var found = new Found([], [0]);
        using var stream = _analyzer.GetTokenStream(TextFields.Description, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && offset.StartOffset < MaxCharsAnalysed)
        {
            var (start, end) = (offset.StartOffset, offset.EndOffset);
            if (end <= start || end > text.Length)
            {
                continue;
            }
            if (start >= Length * found.Bounds.Count && start > found.Bounds[^1])
            {
                found.Bounds.Add(start);
            }
            if (_words!.Contains(term.ToString()))
            {
                found.Words.Add((start, end, term.ToString(), found.Bounds.Count - 1));
            }
        }
        stream.End();
        return found;
    }

    private static Snippet Best(string text, Found found)
    {
        // Words come in text order, so a passage's words are next to each other.
        var words = found.Words;
        var (best, bestScore) = (0, 0);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count;)
        {
            var passage = words[i].Passage;
            distinct.Clear();
            for (; i < words.Count && words[i].Passage == passage; i++)
            {
                distinct.Add(words[i].Word);
            }
            if (distinct.Count > bestScore)
            {
                (best, bestScore) = (passage, distinct.Count);
            }
        }
        var (bestFrom, bestTo) = (found.Bounds[best], best + 1 < found.Bounds.Count ? found.Bounds[best + 1] : text.Length);
        // Stacked words (a joined word and its parts) overlap: overlapping matches are one highlight.
        var spans = new List<TextSpan>();
        var (spanStart, spanEnd) = (-1, -1);
        foreach (var (start, end, _, passage) in words)
        {
            if (passage != best || end > bestTo)
            {
                continue;
            }
            if (spanEnd > start)
            {
                spanEnd = Math.Max(spanEnd, end);
                continue;
            }
            if (spanStart >= 0)
            {
                spans.Add(new TextSpan(spanStart - bestFrom, spanEnd - spanStart));
            }
            (spanStart, spanEnd) = (start, end);
        }
        if (spanStart >= 0)
        {
            spans.Add(new TextSpan(spanStart - bestFrom, spanEnd - spanStart));
        }
        // The passage without the space it ends on; highlights stay inside it.
        var shown = text[bestFrom..bestTo].TrimEnd();
        spans.RemoveAll(s => s.Start + s.Length > shown.Length);
        return new Snippet(shown, spans);
    }
}
