using DiscoveryPortal.Indexer.Search.Query;

namespace DiscoveryPortal.Indexer.Tests.Search.Query;

public class QueryParserTests
{
    private static QueryNode? Root(string q) => QueryParser.Parse(q).Root;

    [Fact]
    public void Words_must_all_match()
    {
        var and = Assert.IsType<AndNode>(Root("herschel pacs"));
        Assert.Equal([new TermNode("herschel"), new TermNode("pacs")], and.Must);
        Assert.Empty(and.MustNot);
    }

    [Fact]
    public void Empty_input_matches_everything()
    {
        Assert.Null(Root(""));
        Assert.Null(Root("   "));
        Assert.Null(QueryParser.Parse(null).Root);
    }

    [Fact]
    public void Phrases_fields_and_prefixes()
    {
        var and = Assert.IsType<AndNode>(Root("\"crab nebula\" title:M1 instrument:\"Wide Field\" spectr*"));
        Assert.Equal(new PhraseNode("crab nebula"), and.Must[0]);
        Assert.Equal(new TermNode("M1", "title"), and.Must[1]);
        Assert.Equal(new PhraseNode("Wide Field", "instrument"), and.Must[2]);
        Assert.Equal(new TermNode("spectr", Prefix: true), and.Must[3]);
    }

    [Fact]
    public void Or_binds_tighter_than_the_implicit_and()
    {
        var and = Assert.IsType<AndNode>(Root("herschel pacs OR spire"));
        Assert.Equal(new TermNode("herschel"), and.Must[0]);
        var or = Assert.IsType<OrNode>(and.Must[1]);
        Assert.Equal([new TermNode("pacs"), new TermNode("spire")], or.Any);
    }

    [Theory]
    [InlineData("m31 -hst")]
    [InlineData("m31 NOT hst")]
    public void Minus_and_not_exclude(string q)
    {
        var and = Assert.IsType<AndNode>(Root(q));
        Assert.Equal([new TermNode("m31")], and.Must);
        Assert.Equal([new TermNode("hst")], and.MustNot);
    }

    [Fact]
    public void A_hyphen_inside_a_word_is_not_an_exclusion() =>
        Assert.Equal(new TermNode("Sentinel-2"), Root("Sentinel-2"));

    [Fact]
    public void The_parser_keeps_every_word_and_leaves_stop_words_to_analysis()
    {
        var and = Assert.IsType<AndNode>(Root("Sentinel-2 over the Alps \"in the\""));
        Assert.Equal([new TermNode("Sentinel-2"), new TermNode("over"), new TermNode("the"), new TermNode("Alps"), new PhraseNode("in the")], and.Must);
    }

    [Fact]
    public void A_query_of_only_stop_words_keeps_them() =>
        Assert.Equal(new TermNode("the"), Root("the"));

    [Theory]
    [InlineData("\"unbalanced quote", "unbalanced quote")]
    [InlineData("OR herschel", "OR herschel")]
    [InlineData("herschel OR", "herschel OR")]
    [InlineData("sp*ctra pacs", "sp ctra pacs")]
    [InlineData("m31 NOT", "m31 NOT")]
    public void Invalid_syntax_is_searched_as_plain_words(string q, string words)
    {
        var parsed = QueryParser.Parse(q);
        Assert.True(parsed.FellBackToWords);
        var terms = parsed.Root switch
        {
            AndNode and => and.Must.Cast<TermNode>().Select(t => t.Text),
            TermNode t => [t.Text],
            _ => throw new InvalidOperationException(parsed.Root?.ToString()),
        };
        Assert.Equal(words.Split(' '), terms);
    }

    [Fact]
    public void A_field_may_be_followed_by_a_space() =>
        Assert.Equal([new TermNode("herschel", "title"), new TermNode("pacs")], Assert.IsType<AndNode>(Root("title: herschel pacs")).Must);

    [Fact]
    public void Only_a_trailing_field_is_invalid_syntax()
    {
        var parsed = QueryParser.Parse("pacs title:");
        Assert.True(parsed.FellBackToWords);
        Assert.Equal([new TermNode("pacs"), new TermNode("title")], Assert.IsType<AndNode>(parsed.Root).Must);
    }

    [Fact]
    public void Unknown_fields_are_ordinary_words() =>
        Assert.Equal(new TermNode("colour:red"), Root("colour:red"));

    [Fact]
    public void Punctuation_alone_matches_everything() => Assert.Null(Root("*** ((( ))) --"));

    [Fact]
    public void Random_input_never_throws()
    {
        var random = new Random(7);
        const string alphabet = "ab \"*-():ORNTtile\\'%_\u00e9\u4e2d\t\n";
        for (var i = 0; i < 5000; i++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            var parsed = QueryParser.Parse(new string(chars));
            Assert.NotNull(parsed);
        }
    }

    [Fact]
    public void Canonical_text_tells_queries_apart()
    {
        Assert.NotEqual(QueryParser.Parse("a b").Canonical(), QueryParser.Parse("a c").Canonical());
        Assert.Equal(QueryParser.Parse("a  b").Canonical(), QueryParser.Parse("a b").Canonical());
    }
}
