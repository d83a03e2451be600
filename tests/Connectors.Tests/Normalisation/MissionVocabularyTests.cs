using DiscoveryPortal.Connectors.Normalisation;

namespace DiscoveryPortal.Connectors.Tests.Normalisation;

public class MissionVocabularyTests
{
    [Theory]
    [InlineData("HST", "HST", "Astronomy")]
    [InlineData("Hubble", "HST", "Astronomy")]
    [InlineData("Hubble Space Telescope", "HST", "Astronomy")]
    [InlineData("hubble space telescope", "HST", "Astronomy")]
    [InlineData("Sentinel-2A", "Sentinel-2", "Earth Observation Satellite")]
    [InlineData("sentinel-2b", "Sentinel-2", "Earth Observation Satellite")]
    [InlineData("SENTINEL 2", "Sentinel-2", "Earth Observation Satellite")]
    [InlineData("LANDSAT_8", "Landsat", "Earth Observation Satellite")]
    [InlineData("xmm newton", "XMM-Newton", "Astronomy")]
    [InlineData("LISA-PF", "LISA Pathfinder", "Fundamental Physics")]
    public void Resolves_every_spelling_to_one_canonical_mission(string given, string mission, string family)
    {
        var resolved = TestData.Missions.Resolve(given);

        Assert.NotNull(resolved);
        Assert.Equal(mission, resolved.Name);
        Assert.Equal(family, resolved.Family);
    }

    [Theory]
    [InlineData("Sentinel-22")]
    [InlineData("Voyager")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_names_resolve_to_nothing(string? given) => Assert.Null(TestData.Missions.Resolve(given));

    [Fact]
    public void Lists_the_aliases_of_a_mission_for_indexing()
    {
        var aliases = TestData.Missions.AliasesOf("HST").ToList();

        Assert.Contains("Hubble", aliases);
        Assert.Contains("Hubble Space Telescope", aliases);
        Assert.DoesNotContain("JWST", aliases);
    }

    [Fact]
    public void Rejects_an_empty_file() =>
        Assert.Throws<InvalidDataException>(() => MissionVocabulary.Parse(new StringReader("")));
}
