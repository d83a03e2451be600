using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.Tap;
using DiscoveryPortal.Connectors.Tests.VoTable;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Connectors.Tests.Tap;

public sealed class ObsCoreMapperTests
{
    private static readonly ObsCoreMapper Mapper = new("test", "Test archive", TestData.Missions, TimeProvider.System);

    private static List<(AssetRecord? Record, HarvestFailure? Failure)> MapFixture(string name)
    {
        using var stream = File.OpenRead(Path.Combine(VoTableAgreementTests.FixtureRoot, name));
        var (meta, rows) = VoTableReader.ReadAll(stream).Tables[0];
        return VoRow.Of(meta, rows).Select((row, i) => Mapper.Map(row, $"row {i + 1}")).ToList();
    }

    [Fact]
    public void A_gavo_obscore_result_maps_every_row_with_its_plate_date()
    {
        var mapped = MapFixture("obscore-image.xml");
        Assert.Equal(10, mapped.Count);
        Assert.All(mapped, m => Assert.Null(m.Failure));
        var first = mapped[0].Record!;
        Assert.Equal("test:ivo://org.gavo.dc/~?potsdam/data/fits/POT032_000002E.fits", first.Id);
        Assert.Equal("POT032 000002E 1913-08-26", first.Title);
        // t_min 20005.0 MJD is the plate's date in its title.
        Assert.Equal(new DateTimeOffset(1913, 8, 26, 0, 0, 0, TimeSpan.Zero), first.Time!.Start);
        Assert.Equal(["AO Potsdam, CdC 32-cm refractor"], first.Instruments);
        Assert.Equal(["image"], first.ProductTypes);
        Assert.Equal("image/fits", first.Formats.Single());
        Assert.Equal(435344L * 1024, first.Access.Single().SizeBytes);
        Assert.Equal("Astrophysikalisches Observatorium Potsdam", first.Mission);
        Assert.Empty(first.Wavebands); // em_min/em_max are NaN there
        Assert.Equal(4, first.Sky!.Polygon!.Count);
        Assert.InRange(first.Sky.Ra, 3.4, 3.6);
        Assert.Equal(Domains.SpaceScience, first.Domain);
        Assert.Equal(AssetType.Observation, first.AssetType);
    }

    [Fact]
    public void Dali_polygons_missions_and_wavebands_come_from_a_native_dachs_table()
    {
        var mapped = MapFixture("dachs/native-page.b2.xml");
        Assert.All(mapped, m => Assert.Null(m.Failure));
        var records = mapped.Select(m => m.Record!).ToList();
        Assert.All(records, r => Assert.Equal("HST", r.Mission));
        Assert.All(records.Where(r => r.Details.ContainsKey("target") && r.Details["target"] != "Jupiter"), r => Assert.NotNull(r.Sky?.Polygon));
        var wfc3ir = records.FirstOrDefault(r => r.Instruments.Contains("WFC3/IR") && r.Wavebands.Count > 0);
        Assert.NotNull(wfc3ir);
        Assert.Contains("infrared", wfc3ir.Wavebands);
    }

    [Fact]
    public void Xray_and_infrared_missions_get_their_bands_and_aliases_resolve()
    {
        var mapped = MapFixture("dachs/obscore-page.b2.xml").Select(m => m.Record!).ToList();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, r => Assert.Equal("JWST", r.Mission)); // page after 'jw': JWST rows, facility spelt two ways
        Assert.All(mapped.Where(r => r.Wavebands.Count > 0), r => Assert.Contains("infrared", r.Wavebands));
        Assert.Contains(mapped, r => r.Details.GetValueOrDefault("facility") == "James Webb Space Telescope");
    }

    [Fact]
    public void A_row_without_an_id_is_a_failure_with_a_sample()
    {
        var meta = new VoTableMeta("t", [new VoField("obs_title", VoDatatype.Char, "*", null, null, null, null, null, null)], new Dictionary<string, object?>());
        var (record, failure) = Mapper.Map(VoRow.Of(meta, [["orphan row"]]).Single(), "page 1, row 1");
        Assert.Null(record);
        Assert.NotNull(failure);
        Assert.Contains("obs_publisher_did", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("orphan row", failure.Sample, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5e-11, 1e-8, new[] { "x-ray" })]
    [InlineData(1.15e-7, 3.2e-7, new[] { "ultraviolet" })]
    [InlineData(2e-7, 1e-6, new[] { "ultraviolet", "optical" })]
    [InlineData(6e-7, 2.88e-5, new[] { "optical", "infrared" })]
    [InlineData(0.21, 0.22, new[] { "radio" })]
    public void Wavelength_ranges_map_onto_bands(double min, double max, string[] bands) =>
        Assert.Equal(bands, Wavebands.FromWavelengths(min, max));

    [Fact]
    public async Task The_recorded_harvest_replays_every_row_and_rolls_up_three_collections()
    {
        var sources = SourceFile.Load(TestData.Path("data-samples", "sources.yaml"));
        var source = sources.Find("recorded-dachs");
        var connector = HarvestConnectors.Create(source, sources, new HttpClient(), TestData.Missions, TimeProvider.System);
        var records = new List<AssetRecord>();
        await foreach (var page in connector.PagesAsync(new HarvestCursor(), CancellationToken.None))
        {
            Assert.Empty(page.Failures);
            records.AddRange(page.Records);
        }
        Assert.Equal(2100, records.Count);
        Assert.Equal(2100, records.Select(r => r.Id).Distinct().Count());
        var collections = await connector.SummariesAsync(CancellationToken.None);
        Assert.Equal(["HST", "JWST", "XMM-Newton"], collections.Select(c => c.Mission).Order());
        var counts = collections.ToDictionary(c => c.Mission!, c => int.Parse(c.Details["observations"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(records.GroupBy(r => r.Mission!).ToDictionary(g => g.Key, g => g.Count()), counts);
        Assert.All(collections, c => Assert.Equal(AssetType.Collection, c.AssetType));
        var xmm = collections.Single(c => c.Mission == "XMM-Newton");
        Assert.Contains("x-ray", xmm.Wavebands);
        Assert.Contains("EPIC-pn", xmm.Instruments);
        Assert.Contains("event", xmm.ProductTypes);
    }
}
