using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace DiscoveryPortal.Indexer.Analysis;

/// <summary>
/// Splits text at whitespace and most punctuation, but keeps the joiners inside names whole
/// ("X-ray", "WFC3/UVIS", "Landsat-8", "10.5281/zenodo.1"), so the word-delimiter step can index
/// each as its parts and as one word.
/// </summary>
public sealed class WordTokenizer(TextReader reader) : CharTokenizer(LuceneVersion.LUCENE_48, reader)
{
    protected override bool IsTokenChar(int c) =>
        c > 0xFFFF || IsWordChar((char)c) || char.GetUnicodeCategory((char)c) is System.Globalization.UnicodeCategory.NonSpacingMark;

    /// <summary>Letters, digits and the joiners kept inside words.</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '/' or '+' or '_' or '.' or '\'' or '&' or ':';
}

/// <summary>Trims joiners left at either end of a word ("x-rays." → "x-rays"), keeping offsets true for highlighting.</summary>
public sealed class TrimJoinersFilter : Lucene.Net.Analysis.TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;

    public TrimJoinersFilter(Lucene.Net.Analysis.TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public override bool IncrementToken()
    {
        while (m_input.IncrementToken())
        {
            var buffer = _term.Buffer;
            var length = _term.Length;
            var start = 0;
            while (start < length && !char.IsLetterOrDigit(buffer[start]))
            {
                start++;
            }
            var end = length;
            while (end > start && !char.IsLetterOrDigit(buffer[end - 1]))
            {
                end--;
            }
            if (end == start)
            {
                continue; // only joiners: not a word
            }
            if (start > 0 || end < length)
            {
                var startOffset = _offset.StartOffset;
                var endOffset = _offset.EndOffset;
                // Offsets only move when they still span the term's characters one to one.
                if (endOffset - startOffset == length)
                {
                    _offset.SetOffset(startOffset + start, startOffset + end);
                }
                Array.Copy(buffer, start, buffer, 0, end - start);
                _term.Length = end - start;
            }
            return true;
        }
        return false;
    }
}
