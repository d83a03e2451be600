using DiscoveryPortal.Indexer.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>
/// The best passage of each hit's description as plain text with the query's words located in it.
/// Made once per search and reused for every hit of the page: the query's description terms are
/// extracted once, where a span scorer per hit re-analysed the query for each (a fifth of a search).
/// </summary>
internal sealed class Snippets
{
    private const int Length = 240;
    private readonly Highlighter? _highlighter;
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
        var words = terms.Where(t => t.Field == TextFields.Description).Select(t => new WeightedTerm(1f, t.Text)).ToArray();
        if (words.Length == 0)
        {
            return;
        }
        _highlighter = new Highlighter(new SimpleHTMLFormatter(Snippet.Open.ToString(), Snippet.Close.ToString()), new QueryTermScorer(words))
        {
            TextFragmenter = new SimpleFragmenter(Length),
            MaxDocCharsToAnalyze = 20_000,
        };
    }

    public Snippet For(string description)
    {
        description = Snippet.Strip(description);
        if (_highlighter is not null && description.Length > 0)
        {
            try
            {
                if (_highlighter.GetBestFragment(_analyzer, TextFields.Description, description) is { Length: > 0 } fragment)
                {
                    return Snippet.FromMarked(fragment);
                }
            }
            catch (InvalidTokenOffsetsException)
            {
                // Offsets the analyser could not map back to the text: the plain opening below instead.
            }
        }
        return Snippet.Plain(description.Length <= Length ? description : description[..Length] + "…");
    }
}
