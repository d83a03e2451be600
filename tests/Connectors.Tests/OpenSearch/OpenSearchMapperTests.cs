using System.Text.Json;
using System.Xml.Linq;
using DiscoveryPortal.Connectors.OpenSearch;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Tests.OpenSearch;

public class OpenSearchMapperTests
{
    private static readonly OpenSearchMapper Mapper = new("os", "OpenSearch", Domains.EarthObservation, TestData.Missions, TimeProvider.System);

    [Fact]
    public void Atom_entries_of_the_recorded_Mundi_answer_map_with_georss_in_lat_lon_order()
    {
        var feed = XDocument.Load(TestData.Path("data-samples", "opensearch", "mundi", "search-page-1.xml"));
        var records = feed.Root!.Elements(OpenSearchNamespaces.Atom + "entry").Select((e, i) => Mapper.MapAtom(e, $"entry {i + 1}")).ToList();
        Assert.All(records, r => Assert.Null(r.Failure));
        var first = records[0].Record!;
        Assert.Equal("os:S2A_MSIL1C_20200815T005251_N0209_R002_T55PBQ_20200815T023440", first.Id);
        Assert.Equal("S2A_MSIL1C_20200815T005251_N0209_R002_T55PBQ_20200815T023440", first.Title);
        Assert.Equal("Date : 2020-08-15T00:52:51Z, Instrument : MSI, Satellite : Sentinel-2, Size : 122.18 MB", first.Description);
        Assert.Equal("Sentinel-2", first.Mission);
        Assert.Equal("Sentinel2", first.Platform);
        Assert.Equal(["MSI"], first.Instruments);
        Assert.Equal("34.3433", first.Details["cloud cover (%)"]);
        Assert.Equal("IMAGE", first.Details["product type"]);
        Assert.Equal(["application/x-safe"], first.Formats);
        var t = DateTimeOffset.Parse("2020-08-15T00:52:51Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new TimeRange(t, t), first.Time);
        Assert.Equal(DateTimeOffset.Parse("2021-09-16T14:11:30Z", System.Globalization.CultureInfo.InvariantCulture), first.Published);
        // georss:polygon "13.0051676 145.2460125 ..." is lat lon: the first point is lon 145.246, lat 13.005.
        Assert.Equal(new GeoPoint(145.24601251424042, 13.005167630855658), first.Ground!.Polygon![0]);
        Assert.Equal(20, first.Ground.Polygon.Count);
        Assert.InRange(first.Ground.Box.West, 144.78, 144.79);
        Assert.InRange(first.Ground.Box.North, 13.56, 13.57);
        Assert.Equal("os:S2A_MSIL1C_20200815T005251_N0209_R002_T55PBR_20200815T023440", records[1].Record!.Id);
    }

    [Fact]
    public void Mundi_entries_take_their_media_rss_thumbnail_before_the_larger_quicklook()
    {
        var feed = XDocument.Load(TestData.Path("data-samples", "opensearch", "mundi", "search-page-1.xml"));
        var records = feed.Root!.Elements(OpenSearchNamespaces.Atom + "entry").Select((e, i) => Mapper.MapAtom(e, $"entry {i + 1}").Record!).ToList();
        Assert.All(records, r => Assert.Equal(QuicklookRole.Thumbnail, r.Quicklook!.Role));
        var first = records[0].Quicklook!;
        Assert.Equal("https://obs.eu-de.otc.t-systems.com/metadata/thumbnails/Sentinel2/S2A_MSIL1C_20200815T005251_N0209_R002_T55PBQ_20200815T023440-th.jpg", first.Url);
        Assert.Equal("image/jpeg", first.MediaType);
        Assert.EndsWith("T55PBR_20200815T023440-th.jpg", records[1].Quicklook!.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void An_atom_entry_with_only_a_quicklook_category_or_an_icon_link_has_that_picture()
    {
        const string media = "xmlns=\"http://www.w3.org/2005/Atom\" xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";
        var quicklook = XElement.Parse($"<entry {media}><dc:identifier>a</dc:identifier><title>A</title><media:group><media:content url=\"https://example.org/a-ql.jpg\" medium=\"image\"><media:category>QUICKLOOK</media:category></media:content></media:group></entry>");
        var icon = XElement.Parse($"<entry {media}><dc:identifier>b</dc:identifier><title>B</title><link rel=\"icon\" type=\"image/png\" href=\"https://example.org/b.png\"/><link rel=\"icon\" type=\"image/tiff\" href=\"https://example.org/b.tif\"/></entry>");
        var none = XElement.Parse($"<entry {media}><dc:identifier>c</dc:identifier><title>C</title><link rel=\"icon\" type=\"image/tiff\" href=\"https://example.org/c.tif\"/></entry>");
        Assert.Equal(new Quicklook("https://example.org/a-ql.jpg", QuicklookRole.Overview, "image/jpeg"), Mapper.MapAtom(quicklook, "a").Record!.Quicklook);
        Assert.Equal(new Quicklook("https://example.org/b.png", QuicklookRole.Thumbnail, "image/png"), Mapper.MapAtom(icon, "b").Record!.Quicklook);
        Assert.Null(Mapper.MapAtom(none, "c").Record!.Quicklook); // a TIFF is no picture a browser shows
    }

    [Fact]
    public void GeoJson_features_of_the_recorded_PEPS_answer_map_with_download_size_and_checksum()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestData.Path("data-samples", "opensearch", "peps", "search-page-1.json")));
        var records = document.RootElement.GetProperty("features").EnumerateArray().Select((f, i) => Mapper.MapGeoJson(f, $"feature {i + 1}").Record!).ToList();
        Assert.Equal(2, records.Count);
        var first = records[0];
        Assert.Equal("os:S2A_MSIL1C_20200815T005251_N0209_R002_T55PDR_20200815T023440", first.Id);
        Assert.Equal("Sentinel-2", first.Mission);
        Assert.Equal("S2A", first.Platform);
        Assert.Equal(["MSI"], first.Instruments);
        Assert.Equal("20.5218", first.Details["cloud cover (%)"]);
        Assert.Equal("S2MSI1C", first.Details["product type"]);
        Assert.Equal("S2ST", first.Details["collection"]);
        var download = Assert.Single(first.Access);
        Assert.Equal("https://peps.cnes.fr/resto/collections/S2ST/01f888ef-3368-59ff-a639-52242d159d7c/download", download.Url);
        Assert.Equal(781865648, download.SizeBytes);
        Assert.Equal("64FFCA4B9CD13D094ED05554E010DB5A", download.Checksum);
        Assert.Equal("application/zip", download.Format);
        Assert.Equal("https://peps.cnes.fr/resto/collections/S2ST/01f888ef-3368-59ff-a639-52242d159d7c.json?&lang=en", first.LandingPage);
        Assert.Equal(new BoundingBox(146.07173856054, 13.478316386477, 147.09056628434, 14.472812699207), first.Ground!.Box);
        Assert.Equal(5, first.Ground.Polygon!.Count);
        Assert.Equal(DateTimeOffset.Parse("2020-08-15T00:52:51.024Z", System.Globalization.CultureInfo.InvariantCulture), first.Time!.Start);
        Assert.Equal("9FC37A160E4E23823679FCF21DEF1596", records[1].Access[0].Checksum);
        // resto gives a quicklook and no thumbnail (null): the quicklook is the picture, at overview size.
        Assert.Equal("https://peps.cnes.fr/quicklook/2020/08/15/S2A/S2A_MSIL1C_20200815T005251_N0209_R002_T55PDR_20200815T023440_quicklook.jpg", first.Quicklook!.Url);
        Assert.Equal(QuicklookRole.Overview, first.Quicklook.Role);
        Assert.Equal("image/jpeg", first.Quicklook.MediaType);
        Assert.NotEqual(first.Quicklook.Url, records[1].Quicklook!.Url);
    }

    [Theory]
    [InlineData("<georss:polygon>13.0 145.2 13.5 145.2 north 144.8</georss:polygon>", "not a list of lat lon pairs")]
    [InlineData("<georss:polygon>95 10 96 11 95 12 95 10</georss:polygon>", "outside the Earth")]
    [InlineData("<georss:box>13 144 12</georss:box>", "south west north east")]
    public void A_broken_footprint_is_a_failure_that_names_it(string georss, string reason)
    {
        var entry = XElement.Parse($"""<entry xmlns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss"><id>a</id><title>A</title>{georss}</entry>""");
        var (record, failure) = Mapper.MapAtom(entry, "page 1 entry 4");
        Assert.Null(record);
        Assert.Contains(reason, failure!.Reason);
        Assert.Equal("page 1 entry 4", failure.Where);
    }

    [Fact]
    public void Ceos_geojson_takes_platform_and_instrument_from_acquisition_information()
    {
        var feature = JsonDocument.Parse("""
            {"type":"Feature","id":"https://fedeo.example/x","geometry":null,
             "properties":{"identifier":"LS08_X","title":"Landsat 8 scene","date":"2021-06-01T10:00:00Z/2021-06-01T10:00:30Z",
               "acquisitionInformation":[{"platform":{"platformShortName":"Landsat-8"},"instrument":{"instrumentShortName":"OLI"}}],
               "links":{"data":[{"href":"https://data.example/LS08_X.tar","type":"application/x-tar","length":1000}]}}}
            """).RootElement;
        var record = Mapper.MapGeoJson(feature, "f").Record!;
        Assert.Equal("os:LS08_X", record.Id);
        Assert.Equal("Landsat-8", record.Platform);
        Assert.Equal(["OLI"], record.Instruments);
        Assert.Equal(DateTimeOffset.Parse("2021-06-01T10:00:30Z", System.Globalization.CultureInfo.InvariantCulture), record.Time!.End);
        Assert.Equal(1000, Assert.Single(record.Access).SizeBytes);
    }
}
