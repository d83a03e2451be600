using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Search;

namespace DiscoveryPortal.Indexer.Tests.Facets;

public class FacetCounterTests
{
    private static readonly string[] Families = ["Astronomy", "Earth Observation Satellite"];
    private static readonly string[][] Missions = [["HST", "JWST", "Gaia"], ["Sentinel-1", "Sentinel-2"]];
    private static readonly string[] Instruments = ["A", "B", "C", "D"];
    private static readonly string[] Domains = ["Space Science", "Earth Observation"];
    private static readonly string[] Types = ["dataset", "observation", "tool"];

    private sealed record Doc(int Ordinal, string Domain, string? Family, string? Mission, string[] Instruments, string Type);

    private static List<Doc> RandomDocs(Random random, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var f = random.Next(3);
            return new Doc(i, Domains[random.Next(2)], f < 2 ? Families[f] : null, f < 2 ? Missions[f][random.Next(Missions[f].Length)] : null,
                Instruments.Where(_ => random.NextDouble() < 0.35).ToArray(), Types[random.Next(3)]);
        }).ToList();

    private static ResidentFields Fields(List<Doc> docs)
    {
        var fields = new ResidentFields(4);
        foreach (var d in docs)
        {
            fields.Set(ResidentRow.From(d.Ordinal, new AssetRecord
            {
                Id = "s:" + d.Ordinal,
                SourceId = "s",
                Title = "t",
                Domain = d.Domain,
                Mission = d.Mission,
                MissionFamily = d.Family,
                AssetType = Enum.Parse<AssetType>(d.Type, ignoreCase: true),
                Instruments = d.Instruments,
            }));
        }
        return fields;
    }

    private static IEnumerable<string> Values(Doc d, string dimension) => dimension switch
    {
        FacetDimensions.Domain => [d.Domain],
        FacetDimensions.Mission => d.Mission is null ? [] : [d.Mission, d.Family!],
        FacetDimensions.Instrument => d.Instruments,
        FacetDimensions.AssetType => [d.Type],
        _ => [],
    };

    [Fact]
    public void Drill_sideways_counts_match_brute_force_on_random_documents()
    {
        var random = new Random(11);
        for (var round = 0; round < 60; round++)
        {
            var docs = RandomDocs(random, random.Next(1, 300));
            var fields = Fields(docs);
            var selected = new Dictionary<string, string[]>();
            if (random.NextDouble() < 0.6)
            {
                selected[FacetDimensions.Instrument] = Instruments.Where(_ => random.NextDouble() < 0.4).DefaultIfEmpty("A").ToArray();
            }
            if (random.NextDouble() < 0.6)
            {
                selected[FacetDimensions.Mission] = random.NextDouble() < 0.5 ? [Families[random.Next(2)]] : ["HST", "Sentinel-2"];
            }
            if (random.NextDouble() < 0.4)
            {
                selected[FacetDimensions.Domain] = [Domains[random.Next(2)]];
            }
            var selections = selected.ToDictionary(s => s.Key, s => new FacetSelection(fields.Column(s.Key), s.Value));
            using var counter = new FacetCounter(fields.Columns, fields.Profiles, selections);
            var hits = docs.Where(d => counter.Collect(d.Ordinal)).Select(d => d.Ordinal).ToList();
            var counts = counter.Counts();

            bool Passes(Doc d, string? ignoring) => selected.All(s => s.Key == ignoring || Values(d, s.Key).Intersect(s.Value).Any());

            Assert.Equal(docs.Where(d => Passes(d, null)).Select(d => d.Ordinal), hits);
            foreach (var dimension in new[] { FacetDimensions.Domain, FacetDimensions.Mission, FacetDimensions.Instrument, FacetDimensions.AssetType })
            {
                var taxonomy = fields.Column(dimension).Taxonomy;
                var expected = docs.Where(d => Passes(d, dimension)).SelectMany(d => Values(d, dimension)).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
                for (var o = 0; o < taxonomy.Count; o++)
                {
                    Assert.Equal(expected.GetValueOrDefault(taxonomy.Label(o)), counts[dimension][o]);
                }
            }
        }
    }

    [Fact]
    public void Mission_counts_roll_up_to_their_family()
    {
        var fields = Fields(
        [
            new(0, "Space Science", "Astronomy", "HST", [], "observation"),
            new(1, "Space Science", "Astronomy", "HST", [], "observation"),
            new(2, "Space Science", "Astronomy", "JWST", [], "observation"),
            new(3, "Earth Observation", "Earth Observation Satellite", "Sentinel-2", [], "observation"),
        ]);
        using var counter = new FacetCounter(fields.Columns, fields.Profiles, new Dictionary<string, FacetSelection>());
        for (var d = 0; d < 4; d++)
        {
            Assert.True(counter.Collect(d));
        }
        var taxonomy = fields.Column(FacetDimensions.Mission).Taxonomy;
        var counts = counter.Counts()[FacetDimensions.Mission];

        Assert.Equal(3, counts[taxonomy.Find("Astronomy")]);
        Assert.Equal(2, counts[taxonomy.Find("HST")]);
        Assert.Equal(1, counts[taxonomy.Find("Earth Observation Satellite")]);
        Assert.Equal(taxonomy.Find("Astronomy"), taxonomy.Parent(taxonomy.Find("JWST")));
    }

    [Fact]
    public void Selecting_a_family_selects_its_missions()
    {
        var fields = Fields(
        [
            new(0, "Space Science", "Astronomy", "HST", [], "observation"),
            new(1, "Earth Observation", "Earth Observation Satellite", "Sentinel-2", [], "observation"),
            new(2, "Space Science", null, null, [], "tool"),
        ]);
        var selection = new FacetSelection(fields.Column(FacetDimensions.Mission), ["astronomy"]);

        Assert.True(selection.Matches(0));
        Assert.False(selection.Matches(1));
        Assert.False(selection.Matches(2));
    }
}
