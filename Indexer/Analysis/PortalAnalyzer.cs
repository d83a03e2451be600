using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace DiscoveryPortal.Indexer.Analysis;

/// <summary>
/// How text becomes words, for records and queries alike: words split at whitespace and punctuation
/// with joiners kept; Unicode folding (case, diacritics, widths); word parts and joined forms
/// ("gamma-ray" → gamma, ray, gammaray; "Landsat-8" → landsat, 8, landsat8); stop words; stem
/// overrides, then the English stemmer. Synonyms widen records before analysis (<see cref="SynonymExpander"/>).
/// </summary>
public sealed class PortalAnalyzer : Analyzer
{
    private readonly CharArraySet _stopWords;
    private readonly StemmerOverrideFilter.StemmerOverrideMap? _stems;
    private readonly Func<string, bool> _exact;

    // Per field: the chain differs by field, and one reused for every field would analyse a field with another's chain.
    private PortalAnalyzer(CharArraySet stopWords, StemmerOverrideFilter.StemmerOverrideMap? stems, Func<string, bool>? exact)
        : base(PER_FIELD_REUSE_STRATEGY)
    {
        _stopWords = stopWords;
        _stems = stems;
        _exact = exact ?? (_ => false);
    }

    /// <summary>The analyzer of the vocabulary's stop words and stems; fields <paramref name="exact"/> accepts are kept whole.</summary>
    public static PortalAnalyzer Create(SearchVocabulary vocabulary, Func<string, bool>? exact = null)
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
        return new PortalAnalyzer(stops, stems, exact);
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        if (_exact(fieldName))
        {
            return new TokenStreamComponents(new KeywordTokenizer(reader));
        }
        var source = new WordTokenizer(reader);
        TokenStream stream = new TrimJoinersFilter(source);
        stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
        stream = new ASCIIFoldingFilter(stream);
        if (fieldName == TextFields.Spelling)
        {
            stream = new JoinedWordFilter(stream);
            return new TokenStreamComponents(source, new StopFilter(LuceneVersion.LUCENE_48, stream, _stopWords));
        }
        stream = new JoinedWordFilter(stream);
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

    /// <summary>
    /// Case and diacritics folded and words split as the analyzer does, without word parts or stemming:
    /// "Ångström-scale  X-rays," → "angstrom-scale x-rays". Plain code, for the per-record lookups of synonyms and compact names.
    /// </summary>
    public static string Fold(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        var decomposed = System.Text.Ascii.IsValid(text) ? text : UnicodeText.Normalize(text, System.Text.NormalizationForm.FormKD);
        var wordStart = 0;
        foreach (var c in decomposed)
        {
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (WordTokenizer.IsWordChar(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                continue;
            }
            EndWord(builder, ref wordStart);
        }
        EndWord(builder, ref wordStart);
        if (builder.Length > 0 && builder[^1] == ' ')
        {
            builder.Length--;
        }
        return builder.ToString();
    }

    // Trims the joiners at either end of the word just written and closes it with a space.
    private static void EndWord(System.Text.StringBuilder builder, ref int wordStart)
    {
        var end = builder.Length;
        while (end > wordStart && !char.IsLetterOrDigit(builder[end - 1]))
        {
            end--;
        }
        var start = wordStart;
        while (start < end && !char.IsLetterOrDigit(builder[start]))
        {
            start++;
        }
        var word = builder.ToString(start, end - start);
        builder.Length = wordStart;
        if (word.Length > 0)
        {
            builder.Append(word).Append(' ');
        }
        wordStart = builder.Length;
    }
}

/// <summary>One analysed word and its position (stacked alternatives share a position).</summary>
public readonly record struct AnalysedWord(string Text, int Position);
