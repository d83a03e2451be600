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
    public void A_recorded_dachs_obscore_page_with_an_empty_preview_column_has_no_quicklook()
    {
        // DaCHS's ivoa.obscore carries a preview column; the portal's observations leave it NULL, and their FITS are no pictures.
        using var stream = File.OpenRead(Path.Combine(VoTableAgreementTests.FixtureRoot, "dachs/obscore-page.td.xml"));
        var (meta, _) = VoTableReader.ReadAll(stream).Tables[0];
        Assert.Contains(meta.Fields, f => f.Name == "preview" && f.Ucd == "meta.ref.url;meta.preview");
        var mapped = MapFixture("dachs/obscore-page.td.xml");
        Assert.NotEmpty(mapped);
        Assert.All(mapped, m => Assert.Null(m.Record!.Quicklook));
    }

    [Theory]
    [InlineData("https://archive.example/previews/1.png", "application/fits", "https://archive.example/previews/1.png", "image/png")]
    [InlineData(null, "image/jpeg", "https://archive.example/data/1", "image/jpeg")] // the product is a picture
    [InlineData(null, "image/fits", null, null)]
    [InlineData("ftp://archive.example/p.png", "application/fits", null, null)]
    public void A_preview_column_or_a_picture_product_is_the_rows_quicklook(string? preview, string format, string? url, string? type)
    {
        string[] names = ["obs_publisher_did", "access_url", "access_format", "preview"];
        var fields = names.Select(n => new VoField(n, VoDatatype.Char, "*", null, null, n == "preview" ? "meta.ref.url;meta.preview" : null, null, null, null)).ToList();
        var meta = new VoTableMeta("obscore", fields, new Dictionary<string, object?>());
        var (record, _) = Mapper.Map(VoRow.Of(meta, [["ivo://x/1", "https://archive.example/data/1", format, preview]]).Single(), "row 1");
        Assert.Equal(url, record!.Quicklook?.Url);
        Assert.Equal(type, record.Quicklook?.MediaType);
        Assert.True(record.Quicklook is null || record.Quicklook.Role == QuicklookRole.Preview);
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
        // The recordings keep non-ASCII names: DaCHS serves the resource's unicode columns as unicodeChar.
        Assert.Contains(records, r => r.Details.GetValueOrDefault("target") == "ρ Oph");
        Assert.DoesNotContain(records, r => r.Title.Contains('?', StringComparison.Ordinal));
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

public sealed class ObsCoreOddRowTests
{
    private static readonly ObsCoreMapper Mapper = new("test", "Test archive", TestData.Missions, TimeProvider.System);

    private static readonly string[] Columns = ["obs_publisher_did", "t_min", "t_max", "s_ra", "s_dec", "s_fov", "s_region", "em_min", "em_max", "access_url", "access_estsize"];

    /// <summary>One row as a TAP service writes it: doubles for times and positions, a long size, STC-S text.</summary>
    private static (AssetRecord? Record, HarvestFailure? Failure) Map(params object?[] cells)
    {
        var fields = Columns.Select(c => new VoField(c, c switch
        {
            "obs_publisher_did" or "s_region" or "access_url" => VoDatatype.Char,
            "access_estsize" => VoDatatype.Long,
            _ => VoDatatype.Double,
        }, c is "obs_publisher_did" or "s_region" or "access_url" ? "*" : null, null, null, null, null, null, null)).ToList();
        var meta = new VoTableMeta("obscore", fields, new Dictionary<string, object?>());
        return Mapper.Map(VoRow.Of(meta, [cells]).Single(), "page 1, row 1");
    }

    [Fact]
    public void A_start_after_its_end_is_kept_with_the_time_flagged()
    {
        var (record, failure) = Map("ivo://x/1", 59010.0, 59000.0, 10.0, 20.0, 0.1, null, null, null, null, null);
        Assert.NotNull(record);
        Assert.NotNull(failure);
        Assert.True(failure.Kept);
        Assert.Contains("t_min", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(VoRow.FromMjd(59000), record.Time!.Start);
        Assert.Equal(VoRow.FromMjd(59010), record.Time.End);
        Assert.Contains("time flagged", record.Details["flagged"], StringComparison.Ordinal);
        Assert.Empty(RecordValidator.Validate(record));
    }

    [Fact]
    public void A_missing_end_is_an_open_end()
    {
        var (record, failure) = Map("ivo://x/2", 59000.0, null, 10.0, 20.0, 0.1, null, null, null, null, null);
        Assert.Null(failure);
        Assert.Equal(VoRow.FromMjd(59000), record!.Time!.Start);
        Assert.Null(record.Time.End);
        Assert.True(record.Time.Overlaps(VoRow.FromMjd(61000), VoRow.FromMjd(61001)));
    }

    [Fact]
    public void A_size_beyond_any_file_is_left_out_and_flagged_not_overflowed()
    {
        var (record, failure) = Map("ivo://x/3", 59000.0, 59001.0, 10.0, 20.0, 0.1, null, null, null, "https://archive.test/f.fits", long.MaxValue - 5);
        Assert.True(failure!.Kept);
        Assert.Contains("access_estsize", failure.Reason, StringComparison.Ordinal);
        Assert.Null(record!.Access.Single().SizeBytes);
        var (fine, _) = Map("ivo://x/4", 59000.0, 59001.0, 10.0, 20.0, 0.1, null, null, null, "https://archive.test/f.fits", 2048L);
        Assert.Equal(2048L * 1024, fine!.Access.Single().SizeBytes);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(null, null)]
    public void An_all_sky_map_covers_the_sky_and_meets_any_cone(double? ra, double? dec)
    {
        var (record, failure) = Map("ivo://x/5", 59000.0, 59001.0, ra, dec, 360.0, null, null, null, null, null);
        Assert.Null(failure);
        Assert.Equal(180, record!.Sky!.Radius);
        // A cone meets the footprint when the distance between centres is within both radii.
        foreach (var (cRa, cDec) in new[] { (83.63, 22.01), (266.4, -29.0), (180.0, 0.0), (0.0, -89.9) })
        {
            Assert.True(SkyGeometry.AngularDistance(cRa, cDec, record.Sky.Ra, record.Sky.Dec) <= record.Sky.Radius + 0.1);
        }
    }

    [Fact]
    public void A_closed_polygon_has_the_centre_and_radius_of_the_open_one()
    {
        var (open, _) = Map("ivo://x/6", null, null, null, null, null, "Polygon ICRS 10 10 12 10 12 12 10 12", null, null, null, null);
        var (closed, _) = Map("ivo://x/7", null, null, null, null, null, "Polygon ICRS 10 10 12 10 12 12 10 12 10 10", null, null, null, null);
        Assert.Equal(4, closed!.Sky!.Polygon!.Count);
        Assert.Equal(open!.Sky!.Ra, closed.Sky.Ra, 9);
        Assert.Equal(open.Sky.Dec, closed.Sky.Dec, 9);
        Assert.Equal(open.Sky.Radius, closed.Sky.Radius, 9);
        Assert.InRange(closed.Sky.Ra, 10.99, 11.01);
    }

    [Theory]
    [InlineData(3.5e-4, 6.72e-4, new[] { "infrared", "millimetre" })] // SPIRE's long-wavelength arrays
    [InlineData(1.57e-4, 6.25e-4, new[] { "infrared", "millimetre" })] // HIFI
    [InlineData(1.1e-3, 3e-3, new[] { "millimetre" })]
    public void Far_infrared_is_infrared_too(double min, double max, string[] bands)
    {
        var (record, _) = Map("ivo://x/8", null, null, 10.0, 20.0, 0.1, null, min, max, null, null);
        Assert.Equal(bands, record!.Wavebands);
    }
}
