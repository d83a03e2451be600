using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Search.Query;

namespace DiscoveryPortal.Indexer.Tests.Search.Lucene;

/// <summary>What the index does with what researchers type: filler, unknown and misspelt words, synonyms, spellings, DOIs and vocabulary.</summary>
public sealed class QueryUnderstandingTests : IDisposable
{
    private readonly TestCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    private static AssetRecord R(string id, string title, Func<AssetRecord, AssetRecord>? change = null) => TestCatalog.Record(id, title, change);

    private async Task<SearchResult> Search(string q) => await _catalog.SearchAsync(new SearchRequest { Query = QueryParser.Parse(q), Size = 50 });

    private async Task<List<string>> Ids(string q) => (await Search(q)).Hits.Select(h => h.Record.Id).ToList();

    private Task Seed() => _catalog.AddAsync(
        R("crab", "Crab Nebula in X-rays", r => r with { Wavebands = ["x-ray"], Mission = "XMM-Newton", Instruments = ["EPIC"] }),
        R("orion", "Orion Nebula spectra", r => r with { ProductTypes = ["spectrum"], Wavebands = ["ultraviolet"] }),
        R("grb", "Swift catalogue of gamma-ray bursts", r => r with { Time = new TimeRange(new DateTimeOffset(2019, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2019, 3, 2, 0, 0, 0, TimeSpan.Zero)) }),
        R("l8", "Landsat-8 OLI scene over the Amazon", r => r with { Mission = "Landsat", Domain = Domains.EarthObservation, ProductTypes = ["scene"] }),
        R("sst", "Daily sea surface temperature", r => r with { Domain = Domains.EarthObservation, Doi = "10.5281/zenodo.4242" }),
        R("s1", "Sentinel-1 SAR backscatter", r => r with { Mission = "Sentinel-1", Domain = Domains.EarthObservation, Wavebands = ["sar"] }),
        R("gpu", "JupyterLab with CUDA", r => r with
        {
            AssetType = AssetType.Datalab,
            Tool = new ToolProfile { Interface = "notebook", Gpu = GpuNeed.Required, OpensProductTypes = ["image"] },
        }),
        R("viewer", "SAOImage DS9", r => r with
        {
            AssetType = AssetType.Tool,
            Tool = new ToolProfile { Interface = "desktop", OpensProductTypes = ["image", "spectrum"], OpensFormats = ["image/fits"] },
        }));

    [Fact]
    public async Task Question_filler_sinks_nothing()
    {
        await Seed();

        Assert.Equal("test:crab", (await Ids("where can I find the crab nebula?"))[0]);
        Assert.Equal("test:orion", (await Ids("show me spectra of the Orion Nebula"))[0]);
    }

    [Fact]
    public async Task A_word_no_record_uses_is_left_out_and_said_so()
    {
        await Seed();

        var result = await Search("crab nebula flibbertigibbet");

        Assert.Equal("test:crab", result.Hits[0].Record.Id);
        Assert.Contains(result.Interpretation.Parts, p => p.Text == "flibbertigibbet" && p.Kind == "ignored");
    }

    [Fact]
    public async Task A_misspelt_word_is_read_as_the_nearest_indexed_word()
    {
        await Seed();

        var result = await Search("orino nebula");

        Assert.Equal("test:orion", result.Hits[0].Record.Id);
        Assert.Equal("orion nebula", result.Interpretation.DidYouMean);
        Assert.Contains(result.Interpretation.Parts, p => p.Text == "orino" && p.Kind == "spelling");
    }

    [Fact]
    public async Task When_few_records_have_every_word_those_with_most_of_them_follow()
    {
        await Seed();

        var most = await Search("orion spectra sentinel");
        var either = await Search("crab sentinel");

        Assert.True(most.Interpretation.Relaxed);
        Assert.Equal("test:orion", most.Hits[0].Record.Id); // two of the three words, then one
        Assert.Equal(["test:orion", "test:s1", "test:viewer"], most.Hits.Select(h => h.Record.Id).Order());
        Assert.True(either.Interpretation.Relaxed);
        Assert.Equal(["test:crab", "test:s1"], either.Hits.Select(h => h.Record.Id).Order());
        Assert.False((await Search("nebula")).Interpretation.Relaxed);
    }

    [Theory]
    [InlineData("UV spectra", "test:orion")]
    [InlineData("SST", "test:sst")]
    [InlineData("GRB catalog", "test:grb")]
    [InlineData("radar backscatter", "test:s1")]
    [InlineData("imagery over the amazon", "test:l8")]
    [InlineData("xray nebula", "test:crab")]
    public async Task Synonyms_find_what_records_call_otherwise(string q, string expected) =>
        Assert.Equal(expected, (await Ids(await SeedThen(q)))[0]);

    [Theory]
    [InlineData("gammaray bursts", "test:grb")]
    [InlineData("gamma ray bursts", "test:grb")]
    [InlineData("landsat8", "test:l8")]
    [InlineData("Landsat 8", "test:l8")]
    [InlineData("sentinel1", "test:s1")]
    [InlineData("Sentinel 1", "test:s1")]
    public async Task Joined_split_and_hyphenated_spellings_are_one(string q, string expected) =>
        Assert.Equal(expected, (await Ids(await SeedThen(q)))[0]);

    [Theory]
    [InlineData("10.5281/zenodo.4242")]
    [InlineData("doi:10.5281/zenodo.4242")]
    [InlineData("https://doi.org/10.5281/zenodo.4242")]
    [InlineData("http://dx.doi.org/10.5281/ZENODO.4242")]
    public async Task A_doi_in_any_form_finds_its_record(string q) =>
        Assert.Equal("test:sst", (await Ids(await SeedThen(q)))[0]);

    [Theory]
    [InlineData("notebook with a GPU", "test:gpu")]
    [InlineData("something to look at spectra", "test:viewer")]
    [InlineData("FITS image viewer", "test:viewer")]
    public async Task Tools_are_found_by_what_they_are_and_open(string q, string expected) =>
        Assert.Equal(expected, (await Ids(await SeedThen(q)))[0]);

    [Fact]
    public async Task Vocabulary_words_are_understood_and_boost_records_that_carry_the_value()
    {
        await Seed();

        var result = await Search("XMM EPIC x-ray 2019");
        var kinds = result.Interpretation.Parts.ToDictionary(p => p.Text, p => p.Kind);

        Assert.Equal("mission", kinds["XMM"]);
        Assert.Equal("instrument", kinds["EPIC"]);
        Assert.Equal("waveband", kinds["x-ray"]);
        Assert.Equal("time", kinds["2019"]);
        Assert.Equal("test:crab", result.Hits[0].Record.Id);
    }

    private async Task<string> SeedThen(string q)
    {
        await Seed();
        return q;
    }
}
