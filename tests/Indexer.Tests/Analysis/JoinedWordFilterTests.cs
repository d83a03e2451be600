using DiscoveryPortal.Indexer.Analysis;
using FsCheck;
using FsCheck.Fluent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace DiscoveryPortal.Indexer.Tests.Analysis;

public class JoinedWordFilterTests
{
    private const WordDelimiterFlags LuceneFlags =
        WordDelimiterFlags.GENERATE_WORD_PARTS | WordDelimiterFlags.GENERATE_NUMBER_PARTS
        | WordDelimiterFlags.CATENATE_WORDS | WordDelimiterFlags.CATENATE_NUMBERS | WordDelimiterFlags.CATENATE_ALL
        | WordDelimiterFlags.STEM_ENGLISH_POSSESSIVE;

    // Letters of both cases, digits, every joiner the tokenizer keeps, other punctuation, folded and unfolded
    // letters (ß and the ligature change length when folded), a letter outside the first 256, a surrogate pair's
    // halves, a combining mark, and spaces between words.
    private const string Alphabet = "abzXYZ019-/+_.'&:s S(),;!?é ßﬁ Ωж\uD835\uDD38\u0301  ";

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static readonly Arbitrary<string> Texts =
        Gen.Elements(Alphabet.ToCharArray()).ArrayOf().Select(chars => new string(chars)).ToArbitrary();

    [Fact]
    public void Gives_the_tokens_positions_and_offsets_of_lucenes_word_delimiter_filter()
    {
        Prop.ForAll(Texts, text =>
        {
            // Whitespace tokens (any punctuation inside, at either end, or alone), and the portal's own chain before the split.
            foreach (var chain in new Func<TextReader, TokenStream>[] { WhitespaceWords, PortalWords })
            {
                var expected = Tokens(new WordDelimiterFilter(LuceneVersion.LUCENE_48, chain(new StringReader(text)), LuceneFlags, null));
                var actual = Tokens(new JoinedWordFilter(chain(new StringReader(text))));
                Assert.True(expected.SequenceEqual(actual), $"'{text}': Lucene {string.Join(" ", expected)}; here {string.Join(" ", actual)}");
            }
        }).Check(Runs);
    }

    [Theory]
    [InlineData("gamma-ray burst", "gamma@1[0,5] gammaray@0[0,9] ray@1[6,9] burst@1[10,15]")]
    [InlineData("Landsat-8", "Landsat@1[0,7] Landsat8@0[0,9] 8@1[8,9]")]
    [InlineData("WFC3/UVIS", "WFC3@1[0,4] WFC3UVIS@0[0,9] UVIS@1[5,9]")]
    [InlineData("v1.5.2", "v1@1[0,2] v152@0[0,6] 5@1[3,4] 52@0[3,6] 2@1[5,6]")]
    [InlineData("Hubble's M51", "Hubble@1[0,6] M51@1[9,12]")]
    [InlineData("landsat8", "landsat8@1[0,8]")]
    public void Splits_joined_words_into_parts_and_joins_them(string text, string tokens)
    {
        Assert.Equal(tokens, string.Join(" ", Tokens(new JoinedWordFilter(WhitespaceWords(new StringReader(text)))).SkipLast(1)));
        Assert.Equal(tokens, string.Join(" ", Tokens(new WordDelimiterFilter(LuceneVersion.LUCENE_48, WhitespaceWords(new StringReader(text)), LuceneFlags, null)).SkipLast(1)));
    }

    private static TokenStream WhitespaceWords(TextReader reader) => new WhitespaceTokenizer(LuceneVersion.LUCENE_48, reader);

    private static TokenStream PortalWords(TextReader reader) =>
        new ASCIIFoldingFilter(new LowerCaseFilter(LuceneVersion.LUCENE_48, new TrimJoinersFilter(new WordTokenizer(reader))));

    private static List<string> Tokens(TokenStream stream)
    {
        var tokens = new List<string>();
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add($"{term}@{increment.PositionIncrement}[{offset.StartOffset},{offset.EndOffset}]{(type.Type == TypeAttribute.DEFAULT_TYPE ? "" : type.Type)}");
        }
        stream.End();
        tokens.Add($"end[{offset.EndOffset}]");
        stream.Dispose();
        return tokens;
    }
}
