using System.Text.Json;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.Zenodo;

namespace DiscoveryPortal.Connectors.Tests.Zenodo;

public class ZenodoMapperTests
{
    private static readonly ZenodoMapper Mapper = new("zen", "Zenodo", Domains.Multidisciplinary, TestData.Missions, TimeProvider.System);

    private static JsonElement Load(string file) => JsonDocument.Parse(File.ReadAllText(TestData.Path("data-samples", "zenodo", file))).RootElement.Clone();

    private static List<ZenodoEntry> Page(string file) =>
        Load(file).GetProperty("hits").GetProperty("hits").EnumerateArray().Select((h, i) => Mapper.Map(h, $"hit {i + 1}")).ToList();

    [Fact]
    public void Current_search_answer_maps_every_field_of_every_hit()
    {
        var entries = Page("search-phlorest-page-1.json");
        Assert.All(entries, e => Assert.NotNull(e.Record));
        var first = entries[0].Record!;
        Assert.Equal("zen:8250014", first.Id); // the concept record id: every version is one asset
        Assert.Equal("Phlorest phylogeny derived from Chang et al. 2015 'Ancestry-constrained phylogenetic analysis supports the Indo-European steppe hypothesis'", first.Title);
        Assert.Equal(AssetType.Dataset, first.AssetType);
        Assert.Equal("10.5281/zenodo.8250015", first.Doi);
        Assert.Equal("10.5281/zenodo.8250014", first.Details["concept DOI"]);
        Assert.Equal("cc-by-4.0", first.License);
        Assert.Equal(["Chang, Will", "Cathcart, Chundra", "Hall, David", "Garrett, Andrew"], first.Authors.Select(a => a.Name));
        Assert.Equal(["cldf:Generic", "linguistics"], first.Keywords);
        Assert.Equal("https://github.com/phlorest/chang_et_al2015/tree/v1.0", first.Details["code repository"]);
        Assert.Equal("v1.0", first.Details["version"]);
        Assert.Equal("dplace, phlorest", first.Details["communities"]);
        Assert.Equal("https://zenodo.org/records/8250015", first.LandingPage);
        Assert.Equal(DateTimeOffset.Parse("2023-08-16T02:26:53.957938+00:00", System.Globalization.CultureInfo.InvariantCulture), first.Published);
        var file = Assert.Single(first.Access);
        Assert.Equal("https://zenodo.org/api/records/8250015/files/phlorest/chang_et_al2015-v1.0.zip/content", file.Url);
        Assert.Equal("phlorest/chang_et_al2015-v1.0.zip", file.Title);
        Assert.Equal(56054523, file.SizeBytes);
        Assert.Equal("md5:fbe30139de78919af8016d5494b280c5", file.Checksum);
        Assert.Equal(["application/zip"], first.Formats);
        Assert.StartsWith("Cite the source of the dataset as: Chang W, Cathcart C, Hall D, & Garrett A. 2015.", first.Description);
        Assert.Contains("<blockquote>", first.DescriptionHtml);
        Assert.Equal("other-open", entries[2].Record!.License);
        Assert.Equal(["zen:8250014", "zen:8250323", "zen:8248388"], entries.Select(e => e.Record!.Id));
    }

    [Fact]
    public void An_older_version_is_not_indexed()
    {
        var entry = Assert.Single(Page("record.json"));
        Assert.Null(entry.Record);
        Assert.Null(entry.Failure);
        Assert.Null(entry.WithdrawnId);
    }

    [Fact]
    public void Legacy_software_record_keeps_affiliations_and_its_repository()
    {
        var record = Mapper.Map(Load("xenon-record-legacy.json"), "record").Record!;
        Assert.Equal("zen:597993", record.Id);
        Assert.Equal(AssetType.Software, record.AssetType);
        Assert.Equal("NLeSC/Xenon: Xenon 1.2.2", record.Title);
        Assert.Equal(9, record.Authors.Count);
        Assert.Equal(new Person("Jason Maassen", null, "Netherlands eScience Center"), record.Authors[0]);
        Assert.Equal(new Person("Piter T. de Boer"), record.Authors[7]);
        Assert.Equal("https://github.com/NLeSC/Xenon/tree/1.2.2", record.Details["code repository"]);
        Assert.Equal("other-open", record.License);
        Assert.Equal(["code"], record.ProductTypes);
        Assert.Empty(record.Access);
    }

    [Fact]
    public void A_deposit_of_a_photo_has_zenodos_thumbnail_as_its_quicklook_and_the_file_as_its_access()
    {
        var hit = Load("herbarium-record-legacy.json");
        var record = Mapper.Map(hit, "record").Record!;
        var file = Assert.Single(record.Access);
        Assert.Equal("image/jpeg", file.Format);
        Assert.Equal(4556236, file.SizeBytes);
        Assert.Equal(hit.GetProperty("links").GetProperty("thumb250").GetString(), record.Quicklook!.Url);
        Assert.Equal(QuicklookRole.Thumbnail, record.Quicklook.Role);
        Assert.Equal("image/jpeg", record.Quicklook.MediaType);
        // Without Zenodo's thumbnail the photo itself is the picture, with its size.
        var bare = Mapper.Map(Mutate(hit, o => o["links"]!.AsObject().Remove("thumb250")), "record").Record!;
        Assert.Equal(new Quicklook(file.Url, QuicklookRole.Preview, "image/jpeg", 4556236), bare.Quicklook);
    }

    [Fact]
    public void Deposits_without_image_files_have_no_quicklook()
    {
        Assert.All(Page("search-phlorest-page-1.json"), e => Assert.Null(e.Record?.Quicklook));
        Assert.Null(Mapper.Map(Load("xenon-record-legacy.json"), "record").Record!.Quicklook);
    }

    [Theory]
    [InlineData("restricted")]
    [InlineData("closed")]
    [InlineData("embargoed")]
    public void A_record_that_is_no_longer_open_is_withdrawn(string access)
    {
        var hit = Mutate(Load("xenon-record-legacy.json"), o => o["metadata"]!["access_right"] = access);
        var entry = Mapper.Map(hit, "record");
        Assert.Null(entry.Record);
        Assert.Equal("zen:597993", entry.WithdrawnId);
    }

    [Fact]
    public void Hostile_description_html_is_sanitised_for_the_page_and_flattened_for_the_index()
    {
        var hit = Mutate(Load("xenon-record-legacy.json"), o => o["metadata"]!["description"] =
            "<p onclick=\"steal()\">Fits <a href=\"javascript:alert(1)\">viewer</a><script>alert(2)</script><style>p{}</style> <a href=\"https://example.org/doc\">docs</a></p>");
        var record = Mapper.Map(hit, "record").Record!;
        Assert.DoesNotContain("script", record.DescriptionHtml);
        Assert.DoesNotContain("onclick", record.DescriptionHtml);
        Assert.DoesNotContain("javascript:", record.DescriptionHtml);
        Assert.DoesNotContain("style", record.DescriptionHtml);
        Assert.Contains("href=\"https://example.org/doc\"", record.DescriptionHtml);
        Assert.Equal("Fits viewer docs", record.Description);
    }

    [Fact]
    public void A_record_without_title_is_a_failure_with_a_sample_of_it()
    {
        var hit = Mutate(Load("xenon-record-legacy.json"), o => o["metadata"]!.AsObject().Remove("title"));
        var entry = Mapper.Map(hit, "page 1 record 2");
        Assert.Null(entry.Record);
        Assert.Equal("page 1 record 2", entry.Failure!.Where);
        Assert.Contains("no title", entry.Failure.Reason);
        Assert.Contains("597993", entry.Failure.Sample);
    }

    [Fact]
    public void Interface_and_runtime_are_read_from_keywords_and_files()
    {
        Assert.Equal(("notebook", "python"), ZenodoMapper.ToolHints(["Python", "Jupyter Notebook"], []));
        Assert.Equal(("cli", null), ZenodoMapper.ToolHints(["command-line tool"], []));
        Assert.Equal(("notebook", null), ZenodoMapper.ToolHints([], [new AccessLink("https://x.org/a.ipynb", "a.ipynb", "application/x-ipynb+json")]));
        Assert.Equal((null, null), ZenodoMapper.ToolHints(["linguistics"], []));
        var hit = Mutate(Load("xenon-record-legacy.json"), o => o["metadata"]!["keywords"] = new System.Text.Json.Nodes.JsonArray("jupyter", "python", "HST"));
        var record = Mapper.Map(hit, "record").Record!;
        Assert.Equal("notebook", record.Tool!.Interface);
        Assert.Equal("binderhub", record.Tool.Launch);
        Assert.Equal("HST", record.Mission);
        Assert.Equal(Domains.SpaceScience, record.Domain);
    }

    [Theory]
    [InlineData("https://github.com/NLeSC/Xenon/tree/1.2.2", true)]
    [InlineData("https://gitlab.com/group/project", true)]
    [InlineData("https://gitlab.in2p3.fr/escape2020/wp3/ossr", true)]
    [InlineData("https://github.com/NLeSC", false)]
    [InlineData("http://github.com/a/b", false)]
    [InlineData("10.5281/zenodo.597993", false)]
    public void Code_repositories_are_recognised(string url, bool expected) => Assert.Equal(expected, ZenodoMapper.IsCodeRepository(url));

    private static JsonElement Mutate(JsonElement element, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(element.GetRawText())!.AsObject();
        change(node);
        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }
}
