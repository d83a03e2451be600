using DiscoveryPortal.Indexer.Analysis;

namespace DiscoveryPortal.Indexer.Tests.Analysis;

public sealed class PortalAnalyzerTests : IDisposable
{
    private static readonly SearchVocabulary Vocabulary = SearchVocabulary.Load(Path.Combine(DiscoveryPortal.Indexer.Catalog.DataRoot.Locate(AppContext.BaseDirectory), "data-samples", "vocabulary"));
    private readonly PortalAnalyzer _analyzer = PortalAnalyzer.Create(Vocabulary);

    public void Dispose() => _analyzer.Dispose();

    private HashSet<string> Words(string text) => _analyzer.Words(TextFields.Title, text).Select(w => w.Text).ToHashSet();

    [Theory]
    [InlineData("gamma-ray", "gammaray")]
    [InlineData("gamma ray", "gamma-ray burst")]
    [InlineData("Landsat-8", "landsat8")]
    [InlineData("LANDSAT_8", "Landsat 8")]
    [InlineData("WFC3/UVIS", "wfc3uvis")]
    [InlineData("spectra", "spectrum")]
    [InlineData("Ångström résolution", "angstrom resolution")]
    [InlineData("X-rays,", "xrays")]
    [InlineData("ＮＧＣ", "ngc")]
    public void Spellings_of_one_thing_share_a_word(string a, string b) =>
        Assert.NotEmpty(Words(a).Intersect(Words(b)));

    [Fact]
    public void Joined_words_keep_their_parts_and_the_joined_form()
    {
        var words = _analyzer.Words(TextFields.Title, "gamma-ray");

        Assert.Contains(words, w => w.Text == "gamma" && w.Position == 0);
        Assert.Contains(words, w => w.Text == "gammarai" && w.Position == 0);
        Assert.Contains(words, w => w.Text == "rai" && w.Position == 1);
    }

    [Fact]
    public void Question_filler_and_function_words_are_dropped() =>
        Assert.Equal(["crab", "nebula"], _analyzer.Words(TextFields.Title, "where can I find the Crab Nebula?").Select(w => w.Text));

    [Theory]
    [InlineData("Ångström-scale  X-rays,", "angstrom-scale x-rays")]
    [InlineData("(HST) WFC3/UVIS", "hst wfc3/uvis")]
    [InlineData("...", "")]
    public void Folding_for_lookups_matches_the_analyzer_split(string text, string folded) =>
        Assert.Equal(folded, PortalAnalyzer.Fold(text));

    [Fact]
    public void Synonyms_widen_a_text_with_the_other_members_of_its_groups()
    {
        var expander = new SynonymExpander(Vocabulary);

        var uv = expander.Expand(["Far UV spectra"]);
        Assert.Contains("ultraviolet", uv);
        Assert.Contains("spectrum", uv);
        Assert.DoesNotContain("uv", uv);
        Assert.Contains("sst", expander.Expand(["Sea surface temperature, daily"]));
        Assert.Contains("sea surface temperature", expander.Expand(["SST"]));
        Assert.Empty(expander.Expand(["Crab pulsar timing"]));
    }

    [Fact]
    public void The_fingerprint_changes_with_the_word_lists()
    {
        var directory = Directory.CreateTempSubdirectory("vocabulary-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, SearchVocabulary.SynonymsFile), "uv, ultraviolet\n");
            var before = SearchVocabulary.Load(directory).Fingerprint;
            File.WriteAllText(Path.Combine(directory, SearchVocabulary.SynonymsFile), "uv, ultraviolet, euv\n");

            Assert.NotEqual(before, SearchVocabulary.Load(directory).Fingerprint);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
