using System.Text.Json;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.Stac;

namespace DiscoveryPortal.Connectors.Tests.Stac;

public class StacMapperTests
{
    private static readonly StacMapper Mapper = new("peps", "PEPS", Domains.EarthObservation, TestData.Missions, TimeProvider.System);

    private static string Static(params string[] path) => TestData.Path(["data-samples", "stac", "static", .. path]);

    private static JsonElement Load(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    public static TheoryData<string> Items() =>
        new(Directory.EnumerateFiles(Static(), "*.json", SearchOption.AllDirectories).Where(f => f.Contains("/items/", StringComparison.Ordinal)).Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Items))]
    public void Every_recorded_item_maps_to_a_Sentinel2_scene(string name)
    {
        var path = Directory.EnumerateFiles(Static(), name, SearchOption.AllDirectories).Single();
        var json = Load(path);
        var (record, failure) = Mapper.MapItem(json, name, new Uri(path));
        Assert.Null(failure);
        Assert.NotNull(record);
        var id = json.GetProperty("id").GetString()!;
        Assert.Equal($"peps:S2_MSI_L1C/{id}", record.Id);
        Assert.Equal(id, record.Title);
        Assert.Equal("Sentinel-2", record.Mission);
        Assert.Equal("Earth Observation Satellite", record.MissionFamily);
        Assert.Equal(Domains.EarthObservation, record.Domain);
        Assert.Equal(id[..3], record.Platform);
        Assert.Equal(["MSI"], record.Instruments);
        Assert.Equal(AssetType.Observation, record.AssetType);
        Assert.Equal(["scene"], record.ProductTypes);
        var datetime = DateTimeOffset.Parse(json.GetProperty("properties").GetProperty("datetime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(datetime, record.Time!.Start);
        Assert.Equal(datetime, record.Time.End);
        var bbox = json.GetProperty("bbox").EnumerateArray().Select(b => b.GetDouble()).ToList();
        Assert.Equal(new BoundingBox(bbox[0], bbox[1], bbox[2], bbox[3]), record.Ground!.Box);
        Assert.Equal(json.GetProperty("geometry").GetProperty("coordinates")[0].GetArrayLength(), record.Ground.Polygon!.Count);
        Assert.Equal(json.GetProperty("properties").GetProperty("eo:cloud_cover").GetRawText(), record.Details["cloud cover (%)"]);
        Assert.Equal("S2MSI1C", record.Details["product type"]);
        // The download asset is data; the thumbnail (role "thumbnail") is not.
        var access = Assert.Single(record.Access);
        Assert.EndsWith($"/{id}/download", access.Url);
        Assert.Equal("application/zip", access.Format);
        Assert.Equal(["application/zip"], record.Formats);
        // PEPS's quicklook, as the item's thumbnail asset names it.
        Assert.Equal(json.GetProperty("assets").GetProperty("thumbnail").GetProperty("href").GetString(), record.Quicklook!.Url);
        Assert.Equal(QuicklookRole.Thumbnail, record.Quicklook.Role);
        Assert.Equal("image/jpeg", record.Quicklook.MediaType);
    }

    [Fact]
    public void Catalog_root_maps_to_a_collection_with_its_extent()
    {
        var (record, failure) = Mapper.MapCollection(Load(Static("catalog.json")), "catalog.json");
        Assert.Null(failure);
        Assert.Equal("peps:collection/S2_MSI_L1C", record!.Id);
        Assert.Equal("SENTINEL2 Level-1C", record.Title);
        Assert.Equal(AssetType.Collection, record.AssetType);
        Assert.Equal("Sentinel-2", record.Mission);
        Assert.Equal(["MSI"], record.Instruments);
        Assert.Equal("proprietary", record.License);
        Assert.Equal(["peps"], record.Authors.Select(a => a.Name));
        Assert.Equal(new BoundingBox(-180, -90, 180, 90), record.Ground!.Box);
        Assert.Equal(DateTimeOffset.Parse("2015-06-23T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), record.Time!.Start);
        Assert.Null(record.Time.End);
        Assert.Equal(["MSI", "SENTINEL2", "S2A,S2B", "L1", "OPTICAL"], record.Keywords);
    }

    [Fact]
    public void An_item_without_a_time_is_a_failure_with_a_sample()
    {
        var path = Directory.EnumerateFiles(Static(), "*T30UUD*.json", SearchOption.AllDirectories).Single();
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var properties = node["properties"]!.AsObject();
        properties.Remove("datetime");
        properties.Remove("start_datetime");
        var (record, failure) = Mapper.MapItem(JsonDocument.Parse(node.ToJsonString()).RootElement, "feature 3");
        Assert.Null(record);
        Assert.Equal("feature 3", failure!.Where);
        Assert.Contains("no datetime", failure.Reason);
        Assert.Contains("T30UUD", failure.Sample);
    }

    [Fact]
    public void An_antimeridian_bbox_is_kept_as_the_source_gives_it()
    {
        var item = JsonDocument.Parse("""
            {"type":"Feature","id":"x","collection":"c","bbox":[170,-10,-170,10],
             "geometry":{"type":"Polygon","coordinates":[[[170,-10],[-170,-10],[-170,10],[170,10],[170,-10]]]},
             "properties":{"datetime":"2021-01-01T00:00:00Z","platform":"sentinel-2b","constellation":"sentinel-2"},"assets":{}}
            """).RootElement;
        var (record, _) = Mapper.MapItem(item, "x");
        Assert.True(record!.Ground!.Box.CrossesAntimeridian);
        Assert.Equal("Sentinel-2", record.Mission);
        Assert.Equal("sentinel-2b", record.Platform);
    }
}

public class StacBandTests
{
    private static readonly StacMapper Mapper = new("peps", "PEPS", Domains.EarthObservation, TestData.Missions, TimeProvider.System);

    [Fact]
    public void Eo_bands_give_wavebands_by_common_name_before_wavelength()
    {
        // PEPS lists Sentinel-2's 13 bands; B10 to B12 carry centre wavelengths a decimal point off (0.137 µm for 1.37 µm).
        var json = JsonDocument.Parse(File.ReadAllText(TestData.Path("data-samples", "stac", "static", "country", "FRA", "FRA.json"))).RootElement;
        var (record, _) = Mapper.MapCollection(json, "FRA.json");
        Assert.Equal(["optical", "infrared"], record!.Wavebands);
    }

    [Theory]
    [InlineData("blue", null, "optical")]
    [InlineData("rededge071", null, "optical")]
    [InlineData("swir22", 0.22, "infrared")]
    [InlineData("lwir11", null, "thermal-infrared")]
    [InlineData(null, 0.865, "infrared")]
    [InlineData(null, 10.9, "thermal-infrared")]
    [InlineData(null, null, null)]
    public void A_channel_has_its_band(string? name, double? centre, string? band) =>
        Assert.Equal(band, Wavebands.OfChannel(name, centre));

    [Fact]
    public void Item_bands_on_assets_and_sar_properties_are_read()
    {
        var item = JsonDocument.Parse("""
            {"id": "x", "collection": "c", "properties": {"datetime": "2021-01-01T00:00:00Z", "sar:frequency_band": "C"},
             "assets": {"B04": {"href": "https://a.test/B04.tif", "roles": ["data"], "eo:bands": [{"name": "B04", "common_name": "red"}]},
                        "B11": {"href": "https://a.test/B11.tif", "roles": ["data"], "bands": [{"name": "B11", "eo:common_name": "swir16"}]}}}
            """).RootElement;
        var (record, _) = Mapper.MapItem(item, "item");
        Assert.Equal(["sar", "optical", "infrared"], record!.Wavebands);
    }
}
