using DiscoveryPortal.Connectors.OpenSearch;

namespace DiscoveryPortal.Connectors.Tests.OpenSearch;

public class OpenSearchTemplateTests
{
    private const string Os = OpenSearchNamespaces.OpenSearch;

    private static OpenSearchUrl Described(string folder) =>
        OpenSearchDescription.Parse(File.ReadAllText(TestData.Path("data-samples", "opensearch", folder, "description.xml")), folder).ResultsUrl()!;

    [Fact]
    public void Atom_template_is_filled_and_unfilled_optional_parameters_are_dropped()
    {
        var url = Described("mundi");
        Assert.Equal("application/atom+xml", url.Type);
        var template = url.Parse();
        Assert.True(template.Has(OpenSearchNamespaces.Eo, "productType")); // declared with the "/spec/" eo namespace
        var filled = template.Fill(new Dictionary<(string, string), string>
        {
            [(Os, "count")] = "2",
            [(Os, "startIndex")] = "3",
            [(OpenSearchNamespaces.Geo, "box")] = "5.9,45.8,10.5,47.8",
            [(OpenSearchNamespaces.Time, "start")] = "2021-06-01T00:00:00Z",
        });
        Assert.Equal("https://sentinel2.browse.catalog.mundiwebservices.com/opensearch?bbox=5.9%2C45.8%2C10.5%2C47.8&timeStart=2021-06-01T00%3A00%3A00Z&format=atom&maxRecords=2&startIndex=3", filled.ToString());
    }

    [Fact]
    public void Values_cannot_change_the_query_structure()
    {
        var template = Described("peps").Parse();
        var filled = template.Fill(new Dictionary<(string, string), string> { [(Os, "searchTerms")] = "x&maxRecords=100000#frag", [(Os, "count")] = "2", [(Os, "startPage")] = "1" });
        Assert.Equal("q=x%26maxRecords%3D100000%23frag&maxRecords=2&page=1", filled.Query.TrimStart('?'));
    }

    [Fact]
    public void A_required_parameter_without_a_value_is_an_error_naming_it()
    {
        var template = OpenSearchTemplate.Parse("https://example.org/search?q={searchTerms}&uid={geo:uid}&n={count?}", new Dictionary<string, string> { ["geo"] = OpenSearchNamespaces.Geo });
        var e = Assert.Throws<FormatException>(() => template.Fill(new Dictionary<(string, string), string> { [(Os, "searchTerms")] = "ndvi" }));
        Assert.Contains("{uid}", e.Message);
    }

    [Fact]
    public void A_description_without_a_readable_results_type_offers_nothing()
    {
        var description = OpenSearchDescription.Parse("""
            <OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/"><ShortName>S</ShortName>
              <Url type="text/html" template="https://example.org/?q={searchTerms}"/>
              <Url type="application/atom+xml" rel="collection" template="https://example.org/c?q={searchTerms}"/></OpenSearchDescription>
            """, "test");
        Assert.Null(description.ResultsUrl());
        Assert.Throws<FormatException>(() => OpenSearchDescription.Parse("<html/>", "test"));
        Assert.Throws<FormatException>(() => OpenSearchDescription.Parse("<OpenSearchDescription", "test"));
    }
}
