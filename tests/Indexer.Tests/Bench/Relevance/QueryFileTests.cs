using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Bench.Relevance;

namespace DiscoveryPortal.Indexer.Tests.Bench.Relevance;

public sealed class QueryFileTests
{
    private const string Header = """
        objects:
          M51: {ra: 202.4696, dec: 47.1952}
        places:
          Alps: [5.0, 43.5, 16.5, 48.5]
        queries:
          - id: q
            kind: mixed
            text: anything
        """;

    private static readonly AssetRecord Hst = new()
    {
        Id = "test:hst",
        SourceId = "hst-archive",
        Title = "HST STIS spectroscopy of M51",
        Description = "Calibrated spectra in ultraviolet light.",
        Keywords = ["Whirlpool"],
        Mission = "HST",
        Platform = "HST",
        Instruments = ["WFC3/UVIS"],
        AssetType = AssetType.Observation,
        ProductTypes = ["spectrum"],
        Wavebands = ["ultraviolet"],
        Doi = "https://doi.org/10.5281/ZENODO.1",
        Sky = new SkyFootprint(202.50, 47.20, 0.05),
        Time = new TimeRange(new DateTimeOffset(2021, 12, 31, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2022, 1, 1, 1, 0, 0, TimeSpan.Zero)),
        Details = new Dictionary<string, string> { ["target"] = "NGC 5194" },
    };

    private static readonly AssetRecord Scene = new()
    {
        Id = "test:scene",
        SourceId = "copernicus-dataspace",
        Title = "Sentinel-2A MSI Level-2A surface reflectance Alps: Engadin",
        Domain = Domains.EarthObservation,
        Mission = "Sentinel-2",
        Ground = new GroundFootprint(new BoundingBox(9, 46, 10.4, 47)),
    };

    private static readonly AssetRecord Tool = new()
    {
        Id = "test:tool",
        SourceId = "portal-tools",
        Title = "JupyterLab with CUDA",
        AssetType = AssetType.Datalab,
        Tool = new ToolProfile { Interface = "notebook", OpensProductTypes = ["spectrum"], OpensFormats = ["image/fits"], Gpu = GpuNeed.Required },
    };

    private static RecordRule Rule(string conditions) =>
        Assert.Single(QueryFile.Parse(Header + "\n    grade2: {" + conditions + "}")).Highly!;

    [Theory]
    [InlineData("mission: hst", true)]
    [InlineData("mission: [JWST, HST]", true)]
    [InlineData("mission: JWST", false)]
    [InlineData("platform: HST", true)]
    [InlineData("platform: Sentinel-2A", false)]
    [InlineData("instrument: WFC3", true)]
    [InlineData("instrument: wfc3/uvis", true)]
    [InlineData("instrument: WFC", false)]
    [InlineData("productType: spectrum", true)]
    [InlineData("productType: [image, cube]", false)]
    [InlineData("waveband: ultraviolet", true)]
    [InlineData("waveband: x-ray", false)]
    [InlineData("assetType: observation", true)]
    [InlineData("assetType: [collection, datalab]", false)]
    [InlineData("domain: Space Science", true)]
    [InlineData("domain: Earth Observation", false)]
    [InlineData("source: hst-archive", true)]
    [InlineData("source: jwst-archive", false)]
    [InlineData("target: [M51, NGC 5194]", true)]
    [InlineData("target: M51", false)]
    [InlineData("doi: 10.5281/zenodo.1", true)]
    [InlineData("doi: \"doi:10.5281/zenodo.1\"", true)]
    [InlineData("doi: 10.5281/zenodo.10", false)]
    [InlineData("text: whirlpool", true)]
    [InlineData("text: [x-ray, ultraviolet light]", true)]
    [InlineData("text: spectro", false)]
    [InlineData("near: {object: M51, radius: 0.1}", true)]
    [InlineData("near: {ra: 202.4696, dec: 47.1952, radius: 0.01}", true)]
    [InlineData("near: {ra: 210.8, dec: 54.35, radius: 1}", false)]
    [InlineData("years: 2021", true)]
    [InlineData("years: 2022-2023", true)]
    [InlineData("years: 2019-2020", false)]
    [InlineData("mission: HST, productType: spectrum, waveband: ultraviolet", true)]
    [InlineData("mission: HST, productType: image", false)]
    public void Conditions_on_an_observation(string conditions, bool matches) =>
        Assert.Equal(matches, Rule(conditions).Matches(Hst));

    [Theory]
    [InlineData("bbox: Alps", true)]
    [InlineData("bbox: [10.0, 46.5, 11.0, 47.5]", true)]
    [InlineData("bbox: [-60.2, -3.2, -59.8, -2.9]", false)]
    [InlineData("near: {object: M51, radius: 180}", false)]
    [InlineData("years: 2021", false)]
    public void Conditions_on_a_scene(string conditions, bool matches) =>
        Assert.Equal(matches, Rule(conditions).Matches(Scene));

    [Theory]
    [InlineData("opens: spectrum", true)]
    [InlineData("opens: [scene, catalog]", false)]
    [InlineData("opensFormat: image/FITS", true)]
    [InlineData("opensFormat: image/tiff", false)]
    [InlineData("interface: notebook", true)]
    [InlineData("interface: desktop", false)]
    [InlineData("gpu: true", true)]
    [InlineData("gpu: false", false)]
    public void Conditions_on_a_tool(string conditions, bool matches) =>
        Assert.Equal(matches, Rule(conditions).Matches(Tool));

    [Fact]
    public void Tool_conditions_never_meet_a_record_without_a_tool_profile()
    {
        Assert.False(Rule("gpu: false").Matches(Hst));
        Assert.False(Rule("opens: spectrum").Matches(Hst));
    }

    [Fact]
    public void A_record_meeting_both_rules_has_grade_two_and_one_meeting_neither_grade_zero()
    {
        var query = Assert.Single(QueryFile.Parse(Header + "\n    grade2: {mission: HST}\n    grade1: {productType: spectrum}"));
        Assert.Equal(2, query.Grade(Hst));
        Assert.Equal(0, query.Grade(Scene));
        Assert.Equal(1, Assert.Single(QueryFile.Parse(Header + "\n    grade2: {mission: JWST}\n    grade1: {productType: spectrum}")).Grade(Hst));
    }

    [Theory]
    [InlineData("colour: red", "'colour' is not a condition")]
    [InlineData("near: {object: M87, radius: 0.1}", "object 'M87' is not among the objects")]
    [InlineData("bbox: Andes", "place 'Andes' is not among the places")]
    [InlineData("years: 2021-2019", "neither a year nor a range")]
    [InlineData("assetType: picture", "'picture' is not an asset type")]
    [InlineData("gpu: maybe", "neither true nor false")]
    public void A_wrong_condition_is_an_error_naming_the_query_and_condition(string conditions, string reason)
    {
        var e = Assert.Throws<FormatException>(() => Rule(conditions));
        Assert.Contains("Query 'q', condition", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_kinds_repeated_ids_and_queries_without_rules_are_errors()
    {
        Assert.Contains("kind 'hard'", Assert.Throws<FormatException>(() => QueryFile.Parse(Header.Replace("kind: mixed", "kind: hard", StringComparison.Ordinal) + "\n    grade2: {mission: HST}")).Message, StringComparison.Ordinal);
        Assert.Contains("neither a grade2 nor a grade1", Assert.Throws<FormatException>(() => QueryFile.Parse(Header)).Message, StringComparison.Ordinal);
        var twice = Header + "\n    grade2: {mission: HST}\n  - id: q\n    kind: doi\n    text: x\n    grade2: {mission: HST}";
        Assert.Contains("used twice", Assert.Throws<FormatException>(() => QueryFile.Parse(twice)).Message, StringComparison.Ordinal);
    }
}
