using System.Text.Json;
using System.Xml.Linq;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.SearchApi.Tests.Clients;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Oai;

/// <summary>
/// The portal's OAI-PMH repository on a live server over the seeded catalogue: every verb's answer and every
/// error checked by xmllint against the OAI-PMH 2.0, oai_dc and DataCite 4.6 schemas kept in Oai/Schemas, every
/// record of both formats validated, and a standard-library Python harvester taking the whole catalogue.
/// </summary>
public sealed class OaiPmhTests : IAsyncLifetime
{
    private static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";
    private static readonly XNamespace DataCite = "http://datacite.org/schema/kernel-4";
    private readonly LiveApiServer _server = new() { Settings = ["--Oai:PageSize=400"] };

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    private ICatalogStore Catalog => _server.Services.GetRequiredService<ICatalogStore>();

    private async Task<(XDocument Document, string Text)> GetAsync(string query)
    {
        using var answer = await _server.Client.GetAsync("/oai?" + query);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("text/xml", answer.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var text = await answer.Content.ReadAsStringAsync();
        return (XDocument.Parse(text), text);
    }

    private static void AssertValid(string xml, string what) => SchemaCheck.AssertValid(xml, what, "Oai", "Schemas", "oai-pmh-with-formats.xsd");

    private async Task<string> SomeIdentifierAsync(string? set = null)
    {
        var (doc, _) = await GetAsync("verb=ListIdentifiers&metadataPrefix=oai_dc" + (set is null ? "" : "&set=" + set));
        return doc.Descendants(Oai + "identifier").First().Value;
    }

    [ClientFact(nameof(ExternalClient.Xmllint))]
    public async Task Every_verb_and_every_error_answers_a_valid_document()
    {
        var identifier = await SomeIdentifierAsync();
        var (first, _) = await GetAsync("verb=ListRecords&metadataPrefix=oai_datacite");
        var token = first.Descendants(Oai + "resumptionToken").Single().Value;
        var cases = new (string Query, string Expected)[]
        {
            ("verb=Identify", "Identify"),
            ("verb=ListMetadataFormats", "ListMetadataFormats"),
            ("verb=ListMetadataFormats&identifier=" + Uri.EscapeDataString(identifier), "ListMetadataFormats"),
            ("verb=ListSets", "ListSets"),
            ("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + Uri.EscapeDataString(identifier), "GetRecord"),
            ("verb=GetRecord&metadataPrefix=oai_datacite&identifier=" + Uri.EscapeDataString(identifier), "GetRecord"),
            ("verb=ListIdentifiers&metadataPrefix=oai_datacite&set=domain:earth-observation", "ListIdentifiers"),
            ("verb=ListRecords&metadataPrefix=oai_dc&set=source&from=2000-01-01&until=2999-12-31", "ListRecords"),
            ("verb=ListRecords&resumptionToken=" + Uri.EscapeDataString(token), "ListRecords"),
            ("", "badVerb"),
            ("verb=Harvest", "badVerb"),
            ("verb=Identify&verb=Identify", "badVerb"),
            ("verb=Identify&set=x", "badArgument"),
            ("verb=ListRecords", "badArgument"),
            ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument"),
            ("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument"),
            ("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-01-01T00:00:00Z", "badArgument"),
            ("verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01", "badArgument"),
            ("verb=ListRecords&metadataPrefix=oai_dc&set=mission:HST", "badArgument"),
            ("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=" + Uri.EscapeDataString(token), "badArgument"),
            ("verb=ListRecords&resumptionToken=" + Uri.EscapeDataString(token[..^2] + "AA"), "badResumptionToken"),
            ("verb=ListIdentifiers&resumptionToken=not-a-token", "badResumptionToken"),
            ("verb=ListSets&resumptionToken=x", "badResumptionToken"),
            ("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"),
            ("verb=GetRecord&metadataPrefix=ivo_vor&identifier=" + Uri.EscapeDataString(identifier), "cannotDisseminateFormat"),
            ("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere:nothing", "idDoesNotExist"),
            ("verb=ListMetadataFormats&identifier=" + Uri.EscapeDataString(identifier + "-gone"), "idDoesNotExist"),
            ("verb=ListRecords&metadataPrefix=oai_dc&until=1990-01-01", "noRecordsMatch"),
            ("verb=ListIdentifiers&metadataPrefix=oai_dc&set=source:no-such-source", "noRecordsMatch"),
        };
        foreach (var (query, expected) in cases)
        {
            var (doc, text) = await GetAsync(query);
            AssertValid(text, "/oai?" + query);
            var answer = doc.Root!.Elements().Skip(2).First();
            Assert.True(expected == (answer.Name.LocalName == "error" ? answer.Attribute("code")!.Value : answer.Name.LocalName),
                $"/oai?{query} answered {answer.Name.LocalName} {answer.Attribute("code")?.Value}: {answer.Value}");
            // After badVerb and badArgument the request is echoed without its arguments.
            var request = doc.Root.Element(Oai + "request")!;
            Assert.Equal(expected is "badVerb" or "badArgument", !request.Attributes().Any());
            Assert.Equal(_server.BaseUrl.TrimEnd('/') + "/oai", request.Value);
        }
    }

    [ClientFact(nameof(ExternalClient.Xmllint))]
    public async Task Every_record_of_the_catalogue_is_valid_in_both_formats()
    {
        foreach (var prefix in new[] { "oai_dc", "oai_datacite" })
        {
            var query = "verb=ListRecords&metadataPrefix=" + prefix;
            var (records, pages) = (0, 0);
            while (true)
            {
                var (doc, text) = await GetAsync(query);
                AssertValid(text, $"page {pages + 1} of {prefix}");
                pages++;
                records += doc.Descendants(Oai + "record").Count();
                var token = doc.Descendants(Oai + "resumptionToken").SingleOrDefault();
                if (token is null || token.Value.Length == 0)
                {
                    break;
                }
                Assert.Equal(records - doc.Descendants(Oai + "record").Count(), int.Parse(token.Attribute("cursor")!.Value, System.Globalization.CultureInfo.InvariantCulture));
                query = "verb=ListRecords&resumptionToken=" + Uri.EscapeDataString(token.Value);
            }
            Console.WriteLine($"{prefix}: {records:N0} records in {pages} pages, each valid");
            Assert.True(pages > 1, "the seeded catalogue takes several pages");
            Assert.Equal(await Catalog.CountAsync(CancellationToken.None), records);
        }
    }

    [Fact]
    public async Task DataCite_carries_the_doi_creators_with_orcid_rights_dates_and_geo_locations()
    {
        // A record registered with every field DataCite has a place for.
        var record = new Connectors.Records.AssetRecord
        {
            Id = "oai-test:full",
            SourceId = "oai-test",
            Title = "Sea ice <concentration> & \u0001drift",
            Description = "Daily grids.",
            Domain = "Earth Observation",
            AssetType = Connectors.Records.AssetType.Dataset,
            Authors = [new("Ada Lovelace", "0000-0002-1825-0097", "ESA")],
            Keywords = ["sea ice"],
            License = "CC-BY-4.0",
            Doi = "10.5281/zenodo.123",
            Formats = ["application/x-netcdf"],
            Published = new DateTimeOffset(2021, 3, 4, 0, 0, 0, TimeSpan.Zero),
            Time = new(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 12, 31, 0, 0, 0, TimeSpan.Zero)),
            Ground = Connectors.Records.GroundFootprint.FromPolygon([new(-10, 60), new(10, 60), new(10, 80), new(-10, 80)]),
            Access = [new("https://data.example.org/ice.nc", SizeBytes: 1234)],
        };
        using (var write = Catalog.BeginWrite())
        {
            await Catalog.UpsertAsync(write, [new CatalogEntry(record)], CancellationToken.None);
            write.Commit();
        }
        var id = "oai:127.0.0.1:oai-test:full";
        var (doc, text) = await GetAsync("verb=GetRecord&metadataPrefix=oai_datacite&identifier=" + Uri.EscapeDataString(id));
        if (ExternalClient.Xmllint.Available)
        {
            AssertValid(text, "the full record");
        }
        var resource = doc.Descendants(DataCite + "resource").Single();
        Assert.Equal(("DOI", "10.5281/zenodo.123"), (resource.Element(DataCite + "identifier")!.Attribute("identifierType")!.Value, resource.Element(DataCite + "identifier")!.Value));
        var creator = resource.Descendants(DataCite + "creator").Single();
        Assert.Equal("https://orcid.org/0000-0002-1825-0097", creator.Element(DataCite + "nameIdentifier")!.Value);
        Assert.Equal("ORCID", creator.Element(DataCite + "nameIdentifier")!.Attribute("nameIdentifierScheme")!.Value);
        Assert.Equal("Sea ice <concentration> & drift", resource.Descendants(DataCite + "title").Single().Value);
        Assert.Equal("2021", resource.Element(DataCite + "publicationYear")!.Value);
        Assert.Equal("Dataset", resource.Element(DataCite + "resourceType")!.Attribute("resourceTypeGeneral")!.Value);
        Assert.Equal("SPDX", resource.Descendants(DataCite + "rights").Single().Attribute("rightsIdentifierScheme")!.Value);
        Assert.Equal("2020-01-01T00:00:00Z/2020-12-31T00:00:00Z", resource.Descendants(DataCite + "date").Single(d => d.Attribute("dateType")!.Value == "Coverage").Value);
        Assert.Equal("-10", resource.Descendants(DataCite + "westBoundLongitude").Single().Value);
        Assert.Equal(5, resource.Descendants(DataCite + "polygonPoint").Count());
        Assert.Contains(doc.Descendants(Oai + "setSpec"), s => s.Value == "domain:earth-observation");
        Assert.Contains(doc.Descendants(Oai + "setSpec"), s => s.Value == "source:oai-test");
    }

    [Fact]
    public async Task A_withdrawn_record_is_a_deleted_header_from_its_withdrawal_on()
    {
        var identifier = await SomeIdentifierAsync("domain:earth-observation");
        var id = Uri.UnescapeDataString(identifier["oai:127.0.0.1:".Length..]);
        var stored = await Catalog.GetAsync(id, CancellationToken.None);
        using (var write = Catalog.BeginWrite())
        {
            await Catalog.WithdrawAsync(write, [id], CancellationToken.None);
            write.Commit();
        }
        var withdrawn = (await Catalog.GetAsync(id, CancellationToken.None))!.WithdrawnAt!.Value;
        try
        {
            var (record, _) = await GetAsync("verb=GetRecord&metadataPrefix=oai_datacite&identifier=" + Uri.EscapeDataString(identifier));
            Assert.Equal("deleted", record.Descendants(Oai + "header").Single().Attribute("status")?.Value);
            Assert.Empty(record.Descendants(Oai + "metadata"));

            var from = withdrawn.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var (changed, _) = await GetAsync($"verb=ListRecords&metadataPrefix=oai_dc&set=domain:earth-observation&from={from}");
            var header = changed.Descendants(Oai + "header").Single(h => h.Element(Oai + "identifier")!.Value == identifier);
            Assert.Equal(("deleted", from), (header.Attribute("status")?.Value, header.Element(Oai + "datestamp")!.Value));
        }
        finally
        {
            using var write = Catalog.BeginWrite();
            await Catalog.UpsertAsync(write, [new CatalogEntry(stored!.Record, stored.Native, stored.NativeType)], CancellationToken.None);
            write.Commit();
        }
    }

    [ClientFact(nameof(ExternalClient.Python))]
    public async Task A_stdlib_python_harvester_takes_the_whole_catalogue_and_each_set_agrees_with_search()
    {
        await IndexCaughtUpAsync();
        var baseUrl = _server.BaseUrl.TrimEnd('/') + "/oai";
        var all = Harvest(baseUrl, "ListIdentifiers", "oai_dc");
        Console.WriteLine($"harvested {all.Live:N0} records ({all.Deleted} deleted) in {all.Pages} pages");
        Assert.Equal(await Catalog.CountAsync(CancellationToken.None), all.Live);
        Assert.Equal(all.Live + all.Deleted, all.Identifiers);

        foreach (var (set, filter) in new[] { ("domain:earth-observation", "domain=Earth%20Observation"), ("source:hst-archive", "source=hst-archive") })
        {
            var harvested = Harvest(baseUrl, "ListRecords", "oai_datacite", set);
            using var search = JsonDocument.Parse(await _server.Client.GetStringAsync("/api/search?size=1&" + filter));
            var total = search.RootElement.GetProperty("total").GetInt64();
            Assert.True(total > 0, $"{filter} selects records");
            Assert.Equal(total, harvested.Live);
        }
    }

    private sealed record Harvested(long Live, long Deleted, int Pages, long Identifiers);

    private static Harvested Harvest(string baseUrl, string verb, string prefix, string? set = null)
    {
        string[] args = set is null ? [TestPaths.Source("Oai", "harvest.py"), baseUrl, verb, prefix] : [TestPaths.Source("Oai", "harvest.py"), baseUrl, verb, prefix, set];
        var (exit, output, err) = ExternalClient.Python.Run(300, args);
        Assert.True(exit == 0, err);
        return JsonSerializer.Deserialize<Harvested>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private async Task IndexCaughtUpAsync()
    {
        var index = _server.Services.GetRequiredService<ISearchIndex>();
        var target = (await Catalog.PositionAsync(CancellationToken.None)).Sequence;
        for (var waited = 0; index.Position.Sequence < target; waited += 100)
        {
            Assert.True(waited < 60_000, "the index follows the catalogue");
            await Task.Delay(100);
        }
    }
}
