using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Icu;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace DiscoveryPortal.Indexer.Analysis;

/// <summary>
/// How text becomes words, for records and queries alike: words split at whitespace and punctuation
/// with joiners kept; Unicode folding (case, diacritics, widths); synonyms from the vocabulary (on
/// records only); word parts and joined forms ("gamma-ray" → gamma, ray, gammaray; "Landsat-8" →
/// landsat, 8, landsat8); stop words; stem overrides, then the English stemmer.
/// </summary>
public sealed class PortalAnalyzer : Analyzer
{
    private const WordDelimiterFlags Delimiting =
        WordDelimiterFlags.GENERATE_WORD_PARTS | WordDelimiterFlags.GENERATE_NUMBER_PARTS
        | WordDelimiterFlags.CATENATE_WORDS | WordDelimiterFlags.CATENATE_NUMBERS | WordDelimiterFlags.CATENATE_ALL
        | WordDelimiterFlags.STEM_ENGLISH_POSSESSIVE;

    private readonly SynonymMap? _synonyms;
    private readonly CharArraySet _stopWords;
    private readonly StemmerOverrideFilter.StemmerOverrideMap? _stems;

    private PortalAnalyzer(SynonymMap? synonyms, CharArraySet stopWords, StemmerOverrideFilter.StemmerOverrideMap? stems)
    {
        _synonyms = synonyms;
        _stopWords = stopWords;
        _stems = stems;
    }

    /// <summary>The analyzer for records (synonyms widen what a record is found by) and the one for queries (no synonyms).</summary>
    public static (PortalAnalyzer Index, PortalAnalyzer Query) Create(SearchVocabulary vocabulary)
    {
        var stops = new CharArraySet(LuceneVersion.LUCENE_48, vocabulary.StopWords.Select(Fold).ToList(), ignoreCase: true);
        StemmerOverrideFilter.StemmerOverrideMap? stems = null;
        if (vocabulary.Stems.Count > 0)
        {
            var builder = new StemmerOverrideFilter.Builder(ignoreCase: false);
            foreach (var (word, stem) in vocabulary.Stems)
            {
                builder.Add(Fold(word), Fold(stem));
            }
            stems = builder.Build();
        }
        var query = new PortalAnalyzer(null, stops, stems);
        return (new PortalAnalyzer(Synonyms(vocabulary), stops, stems), query);
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new WordTokenizer(reader);
        TokenStream stream = new TrimJoinersFilter(source);
        stream = new ICUFoldingFilter(stream);
        if (fieldName == TextFields.Spelling)
        {
            stream = new WordDelimiterFilter(LuceneVersion.LUCENE_48, stream, Delimiting, null);
            return new TokenStreamComponents(source, new StopFilter(LuceneVersion.LUCENE_48, stream, _stopWords));
        }
        if (_synonyms is not null)
        {
            stream = new SynonymFilter(stream, _synonyms, ignoreCase: false);
        }
        stream = new WordDelimiterFilter(LuceneVersion.LUCENE_48, stream, Delimiting, null);
        stream = new StopFilter(LuceneVersion.LUCENE_48, stream, _stopWords);
        if (_stems is not null)
        {
            stream = new StemmerOverrideFilter(stream, _stems);
        }
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>The words a text analyses to, in order (stacked alternatives included).</summary>
    public IReadOnlyList<AnalysedWord> Words(string field, string text)
    {
        var words = new List<AnalysedWord>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            words.Add(new AnalysedWord(term.ToString(), Math.Max(position, 0)));
        }
        stream.End();
        return words;
    }

    /// <summary>Case and diacritics folded as records are, without splitting or stemming.</summary>
    public static string Fold(string text)
    {
        var words = new List<string>();
        using var stream = Folding.GetTokenStream("", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(term.ToString());
        }
        stream.End();
        return string.Join(' ', words);
    }

    // Each phrase of a group is read as the records' words are before synonyms apply, so matching is exact.
    private static SynonymMap? Synonyms(SearchVocabulary vocabulary)
    {
        if (vocabulary.SynonymGroups.Count == 0)
        {
            return null;
        }
        var builder = new SynonymMap.Builder(dedup: true);
        foreach (var group in vocabulary.SynonymGroups)
        {
            var phrases = group.Select(p => Fold(p).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length > 0).Distinct(new PhraseComparer()).ToList();
            foreach (var input in phrases)
            {
                foreach (var output in phrases.Where(o => !ReferenceEquals(o, input)))
                {
                    builder.Add(SynonymMap.Builder.Join(input, new CharsRef()), SynonymMap.Builder.Join(output, new CharsRef()), includeOrig: true);
                }
            }
        }
        return builder.Build();
    }

    private static readonly FoldingAnalyzer Folding = new();

    private sealed class FoldingAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new WordTokenizer(reader);
            return new TokenStreamComponents(source, new ICUFoldingFilter(new TrimJoinersFilter(source)));
        }
    }

    private sealed class PhraseComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(string[] obj) => string.Join(' ', obj).GetHashCode(StringComparison.Ordinal);
    }
}

/// <summary>One analysed word and its position (stacked alternatives share a position).</summary>
public readonly record struct AnalysedWord(string Text, int Position);
