using System.Text.Json;
using DiscoveryPortal.SearchApi.Features;

namespace DiscoveryPortal.SearchApi.Tests.Features;

public sealed class Cql2FilterTests
{
    private static Dictionary<string, List<string>> Text(string filter)
    {
        var selections = Cql2Filter.Selections(filter, null, out var problem);
        Assert.True(selections is not null, problem);
        return selections;
    }

    [Fact]
    public void Equality_in_and_or_within_a_field_become_facet_selections()
    {
        var selections = Text("(mission = 'HST' OR mission='JWST') and productType IN ('spectrum', 'cube') AND \"collection\" = 'it''s'");

        Assert.Equal(["HST", "JWST"], selections["mission"]);
        Assert.Equal(["spectrum", "cube"], selections["productType"]);
        Assert.Equal(["it's"], selections["source"]);
    }

    [Fact]
    public void Cql2_json_means_the_same_as_the_text()
    {
        using var json = JsonDocument.Parse("""
            {"op":"and","args":[{"op":"or","args":[{"op":"=","args":[{"property":"mission"},"HST"]},{"op":"=","args":[{"property":"mission"},"JWST"]}]},
             {"op":"in","args":[{"property":"properties.productType"},["spectrum","cube"]]}]}
            """);

        var selections = Cql2Filter.Selections(null, json.RootElement, out _)!;

        Assert.Equal(Text("mission IN ('HST','JWST') AND productType IN ('spectrum','cube')").OrderBy(s => s.Key), selections.OrderBy(s => s.Key));
    }

    [Theory]
    [InlineData("mission = 'HST' OR instrument = 'MSI'", "OR across fields")]
    [InlineData("mission = 'HST' AND mission = 'JWST'", "named twice")]
    [InlineData("mission <> 'HST'", "= or IN")]
    [InlineData("colour = 'red'", "not a field")]
    [InlineData("mission = 'HST", "not closed")]
    [InlineData("mission = HST", "quoted")]
    [InlineData("(mission = 'HST'", "')'")]
    [InlineData("mission = 'HST' extra", "extra")]
    [InlineData("(mission = 'HST' AND waveband = 'infrared') OR mission = 'JWST'", "AND inside OR")]
    [InlineData("((((((((((((((((((mission = 'HST'))))))))))))))))))", "deeper than 16")]
    public void What_the_facets_cannot_answer_is_refused_saying_why(string filter, string reason)
    {
        Assert.Null(Cql2Filter.Selections(filter, null, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"op":"like","args":[{"property":"mission"},"H%"]}""", "like")]
    [InlineData("""{"op":"=","args":["mission","HST"]}""", "property")]
    [InlineData("""{"op":"=","args":[{"property":"mission"},3]}""", "not a string")]
    [InlineData("""["mission"]""", "\"op\"")]
    public void Cql2_json_the_facets_cannot_answer_is_refused(string filter, string reason)
    {
        using var json = JsonDocument.Parse(filter);
        Assert.Null(Cql2Filter.Selections(null, json.RootElement, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
