using DiscoveryPortal.Indexer.Search.Query;
using DiscoveryPortal.Indexer.Search.Sqlite;

namespace DiscoveryPortal.Indexer.Tests.Search.Sqlite;

public class Fts5QueryBuilderTests
{
    [Theory]
    [InlineData("herschel pacs", "(\"herschel\" AND \"pacs\")")]
    [InlineData("title:crab", "t_title : \"crab\"")]
    [InlineData("keyword:\"galaxy cluster\"", "t_keywords : \"galaxy cluster\"")]
    [InlineData("spectr*", "\"spectr\" *")]
    [InlineData("a OR b", "(\"a\" OR \"b\")")]
    [InlineData("m31 -hst", "(\"m31\" NOT \"hst\")")]
    [InlineData("MATCH(x y) NEAR", "(\"MATCH\" AND \"x\" AND \"y\")")]
    [InlineData("say\"\"", "\"say\"")]
    public void Writes_every_word_as_a_quoted_string(string query, string expected) =>
        Assert.Equal(expected, Fts5QueryBuilder.Positive(QueryParser.Parse(query).Root!));

    [Fact]
    public void Quotes_inside_words_are_doubled() =>
        Assert.Equal("\"o\"\"brien\"", Fts5QueryBuilder.Positive(new TermNode("o\"brien")));

    [Fact]
    public void A_query_that_only_excludes_has_no_positive_part()
    {
        var root = QueryParser.Parse("-hst -jwst").Root!;
        Assert.Null(Fts5QueryBuilder.Positive(root));
        Assert.Equal("\"hst\" OR \"jwst\"", Fts5QueryBuilder.ExcludedOnly(root));
    }
}
