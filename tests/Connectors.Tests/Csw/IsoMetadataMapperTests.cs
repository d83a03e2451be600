using System.Globalization;
using System.Xml.Linq;
using DiscoveryPortal.Connectors.Csw;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Tests.Csw;

/// <summary>Every recorded ISO 19139 document (data-samples/csw, from OWSLib's tests) mapped and compared with its XML, read here on its own.</summary>
public sealed class IsoMetadataMapperTests
{
    private static readonly XNamespace Gmd = IsoMetadataMapper.Gmd;
    private static readonly XNamespace Gco = IsoMetadataMapper.Gco;
    private static readonly IsoMetadataMapper Mapper = new("csw", "CSW", Domains.EarthObservation, TimeProvider.System);

    public static TheoryData<string> Files() => new(Directory.GetFiles(TestData.Path("data-samples", "csw"), "*.xml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    private static List<XElement> Documents(string file) =>
        XDocument.Load(TestData.Path("data-samples", "csw", file)).Descendants().Where(e => e.Name.LocalName is "MD_Metadata" or "MI_Metadata" && e.Parent?.Name.LocalName is not ("MD_Metadata" or "MI_Metadata")).ToList();

    private static string? Text(XElement? e) => e?.Element(Gco + "CharacterString")?.Value.Trim();

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_recorded_document_maps_field_by_field(string file)
    {
        var documents = Documents(file);
        Assert.NotEmpty(documents);
        foreach (var xml in documents)
        {
            var (record, failure) = Mapper.Map(xml, file);
            Assert.Null(failure);
            Assert.NotNull(record);
            var id = Text(xml.Element(Gmd + "fileIdentifier"))!;
            Assert.Equal("csw:" + id, record.Id);
            var identification = xml.Element(Gmd + "identificationInfo")!.Elements().First();
            Assert.Equal(Text(identification.Descendants(Gmd + "title").First()), record.Title);
            Assert.Equal(Text(identification.Element(Gmd + "abstract")) ?? "", record.Description);
            var level = xml.Element(Gmd + "hierarchyLevel")?.Descendants(Gmd + "MD_ScopeCode").First().Attribute("codeListValue")!.Value;
            Assert.Equal(level switch { "series" => AssetType.Collection, "service" => AssetType.Service, _ => AssetType.Dataset }, record.AssetType);
            if (identification.Descendants(Gmd + "EX_GeographicBoundingBox").FirstOrDefault() is { } box)
            {
                double Side(string name) => double.Parse(box.Element(Gmd + name)!.Element(Gco + "Decimal")!.Value, CultureInfo.InvariantCulture);
                Assert.Equal(new BoundingBox(Side("westBoundLongitude"), Side("southBoundLatitude"), Side("eastBoundLongitude"), Side("northBoundLatitude")), record.Ground!.Box);
            }
            var keywords = identification.Descendants(Gmd + "keyword").Select(k => k.Elements().First().Value.Trim()).Distinct().ToList();
            Assert.Equal(keywords, record.Keywords);
            Assert.All(record.Access, a => Assert.True(RecordValidator.IsHttpUrl(a.Url)));
            Assert.Empty(RecordValidator.Validate(record));
        }
    }

    [Fact]
    public void Acquisition_information_gives_the_mission_and_instrument_and_the_extent_its_time()
    {
        var (record, _) = Mapper.Map(Documents("iso_mi.xml").Single(), "iso_mi.xml");
        var normalised = new RecordNormaliser(TestData.Missions, TimeProvider.System).Normalise(record!);
        Assert.Equal(("Landsat", "LANDSAT_8"), (normalised.Mission, record!.Details["platform"]));
        Assert.Equal(["OLI"], normalised.Instruments); // OLI_TIRS, the joint instrument, as the vocabulary names it
        Assert.NotNull(record.Time?.Start);
    }

    [Fact]
    public void A_document_without_file_identifier_or_title_fails_with_a_sample()
    {
        var xml = new XElement(Documents("17bd184a-7e7d-4f81-95a5-041449a7212b_iso.xml").Single());
        xml.Descendants(Gmd + "title").First().Remove();
        Assert.Contains("no citation title", Mapper.Map(xml, "r").Failure!.Reason, StringComparison.Ordinal);
        xml.Element(Gmd + "fileIdentifier")!.Remove();
        var (record, failure) = Mapper.Map(xml, "page 1 record 1");
        Assert.Null(record);
        Assert.Contains("no fileIdentifier", failure!.Reason, StringComparison.Ordinal);
        Assert.Contains("MD_Metadata", failure.Sample, StringComparison.Ordinal);
    }
}
