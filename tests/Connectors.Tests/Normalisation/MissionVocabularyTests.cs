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
    [InlineData("NASA Hubble Space Telescope", "HST", "Astronomy")] // agency in front
    [InlineData("ESA/Herschel", "Herschel", "Astronomy")]
    [InlineData("Gaia satellite", "Gaia", "Astronomy")] // suffix after
    [InlineData("AXAF", "Chandra", "Astronomy")] // former names and code names
    [InlineData("SIRTF", "Spitzer", "Astronomy")]
    [InlineData("NGST", "JWST", "Astronomy")]
    [InlineData("LDCM", "Landsat", "Earth Observation Satellite")]
    [InlineData("Terra", "Terra", "Earth Observation Satellite")] // GCMD platforms
    [InlineData("aqua", "Aqua", "Earth Observation Satellite")]
    [InlineData("NASA Aqua satellite", "Aqua", "Earth Observation Satellite")]
    [InlineData("GRACE-FO", "GRACE-FO", "Earth Observation Satellite")]
    [InlineData("LANDSAT-5", "Landsat", "Earth Observation Satellite")] // a GCMD series member joins the hand-written mission
    [InlineData("VLA", "VLA", "Ground-based Astronomy")] // AAS facility keywords: radio arrays
    [InlineData("MeerKAT", "MeerKAT", "Ground-based Astronomy")]
    [InlineData("LOFAR", "LOFAR", "Ground-based Astronomy")]
    [InlineData("ALMA", "ALMA", "Ground-based Astronomy")]
    [InlineData("SST", "Spitzer", "Astronomy")] // the hand-written table wins over a derived acronym
    [InlineData("NAIP", "NAIP", "Airborne")]
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
    [InlineData("NASA")]
    [InlineData("satellite")]
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

    [Theory]
    [InlineData("ACS/WFC", "HST", "ACS")]
    [InlineData("acs", "HST", "ACS")]
    [InlineData("WFC3/UVIS", "HST", "WFC3")]
    [InlineData("WFC3/IR", "Hubble Space Telescope", "WFC3")]
    [InlineData("EPIC-pn", "XMM-Newton", "EPIC")]
    [InlineData("EPIC-MOS1", "XMM", "EPIC")]
    [InlineData("RGS1", "XMM-Newton", "RGS")]
    [InlineData("NIRCAM", "JWST", "NIRCam")]
    [InlineData("MIRI MRS", "JWST", "MIRI")]
    [InlineData("HRC-I", "Chandra", "HRC")]
    [InlineData("MSI", null, "MSI")]
    [InlineData("MODIS", "Terra", "MODIS")] // a GCMD instrument with no one mission
    public void Modes_channels_and_case_collapse_onto_the_instrument(string given, string? mission, string instrument) =>
        Assert.Equal(instrument, TestData.Missions.ResolveInstrument(given, mission)?.Name);

    [Fact]
    public void An_instrument_name_two_missions_share_is_found_only_with_its_mission()
    {
        Assert.Equal(("HRC", "Chandra"), (TestData.Missions.ResolveInstrument("HRC", "CXO")!.Name, TestData.Missions.ResolveInstrument("HRC", "CXO")!.Mission));
        Assert.Equal("MSI", TestData.Missions.ResolveInstrument("MSI", null)!.Name);
        Assert.Equal("Sentinel-2", TestData.Missions.ResolveInstrument("MSI", null)!.Mission);
        Assert.Null(TestData.Missions.ResolveInstrument("Wide-field camera of nowhere", "HST"));
    }
}
