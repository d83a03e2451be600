using DiscoveryPortal.Connectors.Tap;

namespace DiscoveryPortal.Connectors.Tests.Tap;

public sealed class AdqlTests
{
    [Fact]
    public void A_keyset_page_query_is_written_in_order()
    {
        var query = AdqlQuery.From("ivoa.obscore").Top(500).OrderBy("obs_publisher_did")
            .Where("obs_publisher_did", AdqlComparison.Greater, "ivo://x/y?a")
            .Where("modified", AdqlComparison.Greater, new DateTimeOffset(2026, 11, 3, 4, 5, 6, TimeSpan.Zero));
        Assert.Equal("SELECT TOP 500 * FROM ivoa.obscore WHERE obs_publisher_did > 'ivo://x/y?a' AND modified > '2026-11-03T04:05:06.000000' ORDER BY obs_publisher_did ASC", query.ToAdql());
    }

    [Theory]
    [InlineData("x' OR 1=1 --", "'x'' OR 1=1 --'")]
    [InlineData("'; DROP TABLE rr.resource; --", "'''; DROP TABLE rr.resource; --'")]
    [InlineData("O'Brien's \"star\"", "'O''Brien''s \"star\"'")]
    public void Hostile_strings_stay_inside_their_literal(string value, string expected)
    {
        Assert.Equal(expected, Adql.Literal(value));
        var sql = AdqlQuery.From("rr.resource").Where("ivoid", AdqlComparison.Equal, value).ToAdql();
        // Outside the literal, the query is exactly what the builder wrote.
        Assert.Equal("SELECT * FROM rr.resource WHERE ivoid = " + expected, sql);
    }

    [Theory]
    [InlineData("obs_id", "obs_id")]
    [InlineData("ivoa.obscore", "ivoa.obscore")]
    [InlineData("size", "\"size\"")]
    [InlineData("weird name", "\"weird name\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("x; DROP", "\"x; DROP\"")]
    public void Identifiers_are_regular_or_delimited(string name, string expected) => Assert.Equal(expected, Adql.Identifier(name));

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("tab\u0000le")]
    public void Names_that_cannot_be_written_are_refused(string name) => Assert.ThrowsAny<ArgumentException>(() => Adql.Identifier(name));

    [Fact]
    public void Numbers_are_invariant_and_finite()
    {
        Assert.Equal("0.1", Adql.Literal(0.1));
        Assert.Equal("-1E-300", Adql.Literal(-1e-300));
        Assert.Throws<ArgumentOutOfRangeException>(() => Adql.Literal(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Adql.Literal(double.PositiveInfinity));
    }

    [Fact]
    public void Control_characters_in_literals_are_refused() =>
        Assert.Throws<ArgumentException>(() => Adql.Literal("a\u0000b"));

    [Fact]
    public void In_lists_quote_every_value_and_an_empty_list_matches_nothing()
    {
        Assert.Equal("SELECT * FROM rr.res_subject WHERE ivoid IN ('a', 'b''c')", AdqlQuery.From("rr.res_subject").WhereIn("ivoid", ["a", "b'c"]).ToAdql());
        Assert.Equal("SELECT * FROM rr.res_subject WHERE 1=0", AdqlQuery.From("rr.res_subject").WhereIn("ivoid", []).ToAdql());
    }

    [Fact]
    public void Aggregates_are_limited_to_known_functions()
    {
        var sql = AdqlQuery.From("ivoa.obscore").Select("obs_collection").SelectAggregate("count", null, "n").SelectAggregate("MIN", "t_min", "t_lo").GroupBy("obs_collection").ToAdql();
        Assert.Equal("SELECT obs_collection, COUNT(*) AS n, MIN(t_min) AS t_lo FROM ivoa.obscore GROUP BY obs_collection", sql);
        Assert.Throws<ArgumentException>(() => AdqlQuery.From("t").SelectAggregate("pg_sleep", "x", "y"));
    }
}
