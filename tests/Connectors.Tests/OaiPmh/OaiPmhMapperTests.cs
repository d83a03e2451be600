using System.Xml.Linq;
using DiscoveryPortal.Connectors.OaiPmh;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Tests.OaiPmh;

/// <summary>The local DaCHS's recorded OAI-PMH answers (data-samples/oaipmh), every record mapped and compared with its XML.</summary>
public sealed class OaiPmhMapperTests
{
    private static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly OaiPmhMapper Mapper = new("oai", "OAI", Domains.SpaceScience, TimeProvider.System);

    private static List<XElement> Records(string prefix) =>
        XDocument.Load(TestData.Path("data-samples", "oaipmh", $"dachs-listrecords-{prefix}.xml")).Descendants(Oai + "record").ToList();

    [Fact]
    public void Every_dublin_core_record_maps_field_by_field()
    {
        var records = Records("oai_dc");
        Assert.Equal(4, records.Count);
        foreach (var xml in records)
        {
            var dc = xml.Descendants(Dc + "title").First().Parent!;
            var identifier = xml.Descendants(Oai + "identifier").First().Value;
            var entry = Mapper.Map(xml, identifier);
            Assert.Null(entry.Failure);
            var record = entry.Record!;
            Assert.Equal("oai:" + identifier, record.Id);
            Assert.Equal(dc.Element(Dc + "title")!.Value, record.Title);
            Assert.Equal(dc.Element(Dc + "description")!.Value.Trim(), record.Description);
            Assert.Equal(dc.Elements(Dc + "creator").Select(c => new Person(c.Value)), record.Authors);
            Assert.Equal(dc.Element(Dc + "publisher")?.Value, record.Details.GetValueOrDefault("publisher"));
            Assert.Equal(DateTimeOffset.Parse(xml.Descendants(Oai + "datestamp").First().Value, System.Globalization.CultureInfo.InvariantCulture), record.Published);
            Assert.Equal(dc.Element(Dc + "rights")?.Value, record.License);
        }
    }

    [Fact]
    public void VOResource_records_map_their_type_curation_content_and_interfaces()
    {
        var entries = Records("ivo_vor").Select(r => Mapper.Map(r, "vor")).ToList();
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.Null(e.Failure));
        Assert.Single(entries, e => e.Record is null); // ivo://portal.test, the authority
        var tap = entries.Single(e => e.Id == "oai:ivo://portal.test/tap").Record!;
        Assert.Equal(AssetType.Service, tap.AssetType);
        Assert.Equal(("CatalogService", "ivo://portal.test/tap"), (tap.Details["resource type"], tap.Details["IVOA identifier"]));
        Assert.Equal(["http://127.0.0.1:8090/tap"], tap.Access.Select(a => a.Url));
        Assert.Equal("ivo://ivoa.net/std/TAP", tap.Access[0].Title);
        var registry = entries.Single(e => e.Id == "oai:ivo://portal.test/__system__/services/registry").Record!;
        Assert.Equal(("PortalTest RG", "http://127.0.0.1:8090/__system__/services/registry/info"), (registry.Details["short name"], registry.LandingPage));
        Assert.Equal(["virtual-observatories"], registry.Keywords);
        Assert.DoesNotContain(registry.Access, a => a.Url.EndsWith("/availability", StringComparison.Ordinal)); // VOSI endpoints are not data
        Assert.Equal(AssetType.Collection, entries.Single(e => e.Id == "oai:ivo://portal.test/portalobs/q/import").Record!.AssetType);
    }

    [Fact]
    public void A_deleted_header_withdraws_and_a_record_without_identifier_fails()
    {
        var xml = new XElement(Records("oai_dc")[0]);
        xml.Element(Oai + "header")!.SetAttributeValue("status", "deleted");
        xml.Element(Oai + "metadata")!.Remove();
        Assert.Equal(("oai:ivo://portal.test/__system__/services/registry", null), (Mapper.Map(xml, "d").WithdrawnId, Mapper.Map(xml, "d").Record));
        xml.Element(Oai + "header")!.Element(Oai + "identifier")!.Remove();
        Assert.Contains("no identifier", Mapper.Map(xml, "page 1 record 1").Failure!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DataCite_records_map_field_by_field_from_their_kernel4_resource()
    {
        var xml = XDocument.Load(TestData.Path("data-samples", "oaipmh", "inveniordm-listrecords-oai_datacite.xml")).Descendants(Oai + "record").Single();
        XNamespace k = "http://datacite.org/schema/kernel-4";
        var resource = xml.Descendants(k + "resource").Single();
        var entry = Mapper.Map(xml, "page 1 record 1");
        Assert.Null(entry.Failure);
        var record = entry.Record!;
        Assert.Equal("oai:oai:vvv.com:abcde-fghij", record.Id);
        Assert.Equal(resource.Element(k + "identifier")!.Value, record.Doi);
        Assert.Equal($"https://doi.org/{record.Doi}", record.LandingPage);
        Assert.Equal("InvenioRDM", record.Title); // the main title, not the subtitle
        Assert.Equal("a research data management platform", record.Details["subtitle"]);
        Assert.Equal("A description \nwith HTML tags", record.Description);
        Assert.Equal([new Person("Nielsen, Lars Holm", "0000-0001-8135-3489", "free-text")], record.Authors);
        Assert.Equal(["custom", "Abdominal Injuries"], record.Keywords);
        Assert.Equal(AssetType.Dataset, record.AssetType); // resourceTypeGeneral Image
        Assert.Equal("Photo", record.Details["resource type"]);
        Assert.Equal("Creative Commons Attribution 4.0 International", record.License); // the one with an identifier
        Assert.Equal(["application/pdf"], record.Formats);
        Assert.Equal(new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero), record.Published); // Issued 2018/2020-09
        Assert.Equal(("InvenioRDM", "v1.0", "11 pages", "test location place"), (record.Details["publisher"], record.Details["version"], record.Details["size"], record.Details["place"]));
        Assert.Equal(new BoundingBox(-60.63932, -32.94682, -60.63932, -32.94682), record.Ground!.Box);
        Assert.Empty(RecordValidator.Validate(record));
    }
}
