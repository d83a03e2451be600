using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.SearchApi.Tests.ConeSearch;

/// <summary><c>/vo/scs</c> read in-process: the rows a cone holds, the error VOTables of bad input, and the VOSI documents.</summary>
public sealed class ConeSearchTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _client = api.CreateClient();

    private async Task<long> ApiTotal(string query) => (long)JsonNode.Parse(await _client.GetStringAsync("/api/search?size=1&" + query))!["total"]!;

    private async Task<(HttpStatusCode Status, VoTableDocument Document)> Cone(string query)
    {
        var response = await _client.GetAsync("/vo/scs?" + query);
        Assert.Equal("application/x-votable+xml", response.Content.Headers.ContentType!.MediaType);
        return (response.StatusCode, VoTableReader.ReadAll(await response.Content.ReadAsStreamAsync(), throwOnServiceError: false));
    }

    [Fact]
    public async Task A_cone_holds_the_records_the_search_finds_for_it_with_the_scs_ucds()
    {
        var (status, document) = await Cone("RA=83.63&DEC=22.01&SR=1&VERB=1");

        Assert.Equal(HttpStatusCode.OK, status);
        var (meta, rows) = document.Tables.Single();
        Assert.Equal(["ID_MAIN", "POS_EQ_RA_MAIN", "POS_EQ_DEC_MAIN"], meta.Fields.Select(f => f.Ucd));
        Assert.Equal([VoDatatype.Char, VoDatatype.Double, VoDatatype.Double], meta.Fields.Select(f => f.Datatype));
        Assert.Equal(await ApiTotal("ra=83.63&dec=22.01&radius=1"), rows.Count);
        Assert.True(rows.Count > 10);
        Assert.Equal("OK", document.QueryStatus);
    }

    [Fact]
    public async Task Facet_parameters_and_words_narrow_the_cone_as_they_narrow_the_search()
    {
        var all = (await Cone("RA=83.63&DEC=22.01&SR=2")).Document.Tables.Single().Rows.Count;
        var (meta, rows) = (await Cone("RA=83.63&DEC=22.01&SR=2&mission=HST&VERB=3")).Document.Tables.Single();

        Assert.Equal(await ApiTotal("ra=83.63&dec=22.01&radius=2&mission=HST"), rows.Count);
        Assert.InRange(rows.Count, 1, all - 1);
        Assert.All(rows, r => Assert.Equal("HST", r[meta.IndexOf("mission")]));
        Assert.Equal(await ApiTotal("ra=83.63&dec=22.01&radius=2&q=spectrum"), (await Cone("RA=83.63&DEC=22.01&SR=2&q=spectrum")).Document.Tables.Single().Rows.Count);
    }

    [Fact]
    public async Task Rows_come_nearest_first_and_verbosity_chooses_the_columns()
    {
        var (meta, rows) = (await Cone("RA=83.63&DEC=22.01&SR=1")).Document.Tables.Single();
        var distances = rows.Select(r => (double)r[meta.IndexOf("distance")]!).ToList();
        Assert.Equal(distances.Order(), distances);
        // Each footprint meets the cone: its centre is at most the two radii away (a survey's wide footprint may be centred far off).
        Assert.All(rows, r => Assert.True((double)r[meta.IndexOf("distance")]! <= 1 + (double)r[meta.IndexOf("sky.radius")]! + 1e-9, $"{r[0]} is outside the cone"));
        Assert.Contains(distances, d => d < 1);

        var fields = async (int verb) => (await Cone($"RA=83.63&DEC=22.01&SR=1&VERB={verb}")).Document.Tables.Single().Meta.Fields.Count;
        Assert.True(await fields(1) < await fields(2) && await fields(2) < await fields(3));
    }

    [Fact]
    public async Task A_radius_of_zero_answers_the_columns_without_rows()
    {
        var (status, document) = await Cone("RA=83.63&DEC=22.01&SR=0");

        Assert.Equal(HttpStatusCode.OK, status);
        var (meta, rows) = document.Tables.Single();
        Assert.Empty(rows);
        Assert.Contains(meta.Fields, f => f.Ucd == "ID_MAIN");
    }

    [Theory]
    [InlineData("DEC=22&SR=1", "RA is required")]
    [InlineData("RA=abc&DEC=22&SR=1", "RA: 'abc' is not a number")]
    [InlineData("RA=10&DEC=95&SR=1", "DEC must be between -90 and 90")]
    [InlineData("RA=10&DEC=20&SR=-1", "SR must be between 0 and 180")]
    [InlineData("RA=10&DEC=20&SR=1&VERB=7", "VERB: '7' is not 1, 2 or 3")]
    [InlineData("RA=10&DEC=20&SR=1&RA=11", "RA is given 2 times")]
    [InlineData("RA=10&DEC=20&SR=1&mission=" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij"
        + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "x", "mission: has a value longer than 200")]
    public async Task Bad_input_gets_an_error_votable_naming_the_parameter(string query, string message)
    {
        var (status, document) = await Cone(query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(document.Tables);
        Assert.Equal("ERROR", document.QueryStatus);
        var error = Assert.Single(document.Infos, i => i.Name == "Error");
        Assert.Contains(message, error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vosi_documents_describe_the_cone_search()
    {
        XNamespace xsi = "http://www.w3.org/2001/XMLSchema-instance";
        var capabilities = XDocument.Parse(await _client.GetStringAsync("/vo/scs/capabilities"));
        Assert.Equal(XName.Get("capabilities", "http://www.ivoa.net/xml/VOSICapabilities/v1.0"), capabilities.Root!.Name);
        var cone = capabilities.Root.Elements("capability").Single(c => (string?)c.Attribute("standardID") == "ivo://ivoa.net/std/ConeSearch");
        Assert.Equal("cs:ConeSearch", (string?)cone.Attribute(xsi + "type"));
        Assert.EndsWith("/vo/scs", (string)cone.Element("interface")!.Element("accessURL")!, StringComparison.Ordinal);
        Assert.Equal(["RA", "DEC", "SR", "VERB"], cone.Element("interface")!.Elements("param").Select(p => (string)p.Element("name")!));

        var availability = XDocument.Parse(await _client.GetStringAsync("/vo/scs/availability"));
        Assert.Equal("true", (string?)availability.Root!.Element(XName.Get("available", "http://www.ivoa.net/xml/VOSIAvailability/v1.0")));
    }
}
