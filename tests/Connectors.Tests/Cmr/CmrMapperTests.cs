using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Cmr;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Tests.Cmr;

/// <summary>
/// Every recorded CMR item (data-samples/cmr, from earthaccess's recorded CMR answers) mapped and each mapped
/// field compared with what the UMM-JSON says, read here on its own.
/// </summary>
public sealed class CmrMapperTests
{
    private static readonly CmrMapper Mapper = new("cmr", "NASA CMR", Domains.EarthObservation, TestData.Missions, TimeProvider.System);

    private static List<JsonElement> Items(string file) =>
        JsonDocument.Parse(File.ReadAllText(TestData.Path("data-samples", "cmr", file))).RootElement.GetProperty("items").EnumerateArray().Select(i => i.Clone()).ToList();

    private static DateTimeOffset Time(JsonElement e, string name) => DateTimeOffset.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static string? Get(JsonElement e, params string[] path)
    {
        foreach (var step in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(step, out e))
            {
                return null;
            }
        }
        return e.ValueKind == JsonValueKind.String ? e.GetString() : e.ValueKind == JsonValueKind.Undefined ? null : e.GetRawText();
    }

    [Fact]
    public void Every_recorded_collection_maps_field_by_field()
    {
        var items = Items("collections-pocloud-cloud-hosted.json");
        Assert.Equal(20, items.Count);
        foreach (var item in items)
        {
            var umm = item.GetProperty("umm");
            var id = Get(item, "meta", "concept-id")!;
            var entry = Mapper.MapCollection(item, id);
            Assert.Null(entry.Failure);
            var record = entry.Record!;
            Assert.Equal("cmr:" + id, record.Id);
            Assert.Equal(AssetType.Collection, record.AssetType);
            Assert.Equal(Get(umm, "EntryTitle"), record.Title);
            Assert.Equal(Get(umm, "Abstract")!.Trim(), record.Description);
            Assert.Equal(Get(umm, "DOI", "DOI"), record.Doi);
            Assert.Equal(Time(item.GetProperty("meta"), "revision-date"), record.Published);
            var platforms = umm.GetProperty("Platforms").EnumerateArray().Select(p => p.GetProperty("ShortName").GetString()!).ToList();
            Assert.Equal(platforms[0], record.Platform);
            var instruments = umm.GetProperty("Platforms").EnumerateArray()
                .SelectMany(p => p.TryGetProperty("Instruments", out var i) ? i.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Select(i => i.GetProperty("ShortName").GetString()!.ToUpperInvariant()).ToHashSet();
            Assert.Subset(instruments, record.Instruments.ToHashSet());
            var level = Get(umm, "ProcessingLevel", "Id")!;
            Assert.Equal(level, record.Details["processing level"]);
            Assert.Equal(level[0] is '3' or '4' ? ["grid"] : level[0] is '1' or '2' ? ["scene"] : Array.Empty<string>(), record.ProductTypes);
            var begins = umm.GetProperty("TemporalExtents").EnumerateArray().SelectMany(t => t.GetProperty("RangeDateTimes").EnumerateArray()).Select(r => Time(r, "BeginningDateTime")).Min();
            Assert.Equal(begins, record.Time!.Start);
            var rectangles = umm.GetProperty("SpatialExtent").GetProperty("HorizontalSpatialDomain").GetProperty("Geometry").GetProperty("BoundingRectangles").EnumerateArray().ToList();
            Assert.Equal(rectangles.Min(r => r.GetProperty("WestBoundingCoordinate").GetDouble()), record.Ground!.Box.West);
            Assert.Equal(rectangles.Max(r => r.GetProperty("NorthBoundingCoordinate").GetDouble()), record.Ground.Box.North);
            foreach (var keyword in umm.GetProperty("ScienceKeywords").EnumerateArray().Select(k => k.GetProperty("Term").GetString()!))
            {
                Assert.Contains(record.Keywords, k => string.Equals(k, keyword, StringComparison.OrdinalIgnoreCase));
            }
            var documentation = umm.GetProperty("RelatedUrls").EnumerateArray().FirstOrDefault(u => Get(u, "URLContentType") == "PublicationURL" && Get(u, "URL")!.StartsWith("http", StringComparison.Ordinal));
            if (documentation.ValueKind == JsonValueKind.Object)
            {
                Assert.Equal(Get(documentation, "URL")!.Trim(), record.Details["documentation"]);
            }
            Assert.All(record.Access, a => Assert.StartsWith("https://", a.Url, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_collection_of_several_satellites_takes_its_mission_from_the_first_the_vocabulary_knows()
    {
        var opera = Items("collections-pocloud-cloud-hosted.json").Single(i => Get(i, "meta", "concept-id") == "C2617126679-POCLOUD");
        var record = Mapper.MapCollection(opera, "opera").Record!;
        Assert.Equal(("Landsat", "LANDSAT-8", "Earth Observation Satellite"), (record.Mission, record.Platform, record.MissionFamily));
        Assert.Equal("LANDSAT-8, Sentinel-2A, Sentinel-2B", record.Details["platforms"]);
        Assert.Equal("10.5067/OPDSW-PL3V1", record.Doi);
        var landing = opera.GetProperty("umm").GetProperty("RelatedUrls").EnumerateArray().First(u => Get(u, "Type") == "DATA SET LANDING PAGE");
        Assert.Equal(Get(landing, "URL"), record.LandingPage);
    }

    [Fact]
    public void An_open_ended_collection_has_no_end()
    {
        var swot = Items("collections-pocloud-cloud-hosted.json").Single(i => Get(i, "meta", "concept-id") == "C2758162622-POCLOUD");
        var record = Mapper.MapCollection(swot, "swot").Record!;
        Assert.Equal(new DateTimeOffset(2022, 12, 16, 0, 0, 0, TimeSpan.Zero), record.Time!.Start);
        Assert.Null(record.Time.End);
        Assert.Equal(new BoundingBox(-180, -90, 180, 90), record.Ground!.Box);
        Assert.Contains("Stage Height", record.Keywords);
        Assert.Contains(new Person("Surface Water Ocean Topography (SWOT)"), record.Authors);
    }

    [Fact]
    public void Every_recorded_granule_maps_its_time_files_and_footprint()
    {
        var items = Items("granules-tellus-grac-l3.json").Concat(Items("granule-ssh-grids.json")).Concat(Items("granule-laads-myd021km.json")).ToList();
        Assert.Equal(32, items.Count);
        foreach (var item in items)
        {
            var umm = item.GetProperty("umm");
            var record = Mapper.MapGranule(item, "granule").Record!;
            Assert.Equal("cmr:" + Get(item, "meta", "concept-id"), record.Id);
            Assert.Equal(AssetType.Observation, record.AssetType);
            Assert.Equal(Get(umm, "GranuleUR"), record.Title);
            Assert.Equal(Get(item, "meta", "collection-concept-id"), record.Details.GetValueOrDefault("collection"));
            var range = umm.GetProperty("TemporalExtent").GetProperty("RangeDateTime");
            Assert.Equal((Time(range, "BeginningDateTime"), Time(range, "EndingDateTime")), (record.Time!.Start!.Value, record.Time.End!.Value));
            var data = umm.GetProperty("RelatedUrls").EnumerateArray().Where(u => Get(u, "Type") == "GET DATA" && Get(u, "URL")!.StartsWith("https://", StringComparison.Ordinal))
                .Select(u => Get(u, "URL")!).Distinct().ToList();
            Assert.Equal(data, record.Access.Select(a => a.Url).ToList());
            var sizes = umm.GetProperty("DataGranule").GetProperty("ArchiveAndDistributionInformation").EnumerateArray()
                .ToDictionary(f => f.GetProperty("Name").GetString()!, f => f.GetProperty("SizeInBytes").GetInt64());
            foreach (var link in record.Access)
            {
                Assert.Equal(sizes.TryGetValue(Path.GetFileName(new Uri(link.Url).AbsolutePath), out var size) ? size : null, link.SizeBytes);
            }
            Assert.NotNull(record.Ground);
        }
    }

    [Fact]
    public void A_polygon_granule_keeps_its_outline_platform_instrument_and_browse_image()
    {
        var laads = Items("granule-laads-myd021km.json").Single();
        var record = Mapper.MapGranule(laads, "laads").Record!;
        Assert.Equal(4, record.Ground!.Polygon!.Count); // CMR's closing vertex is not repeated
        Assert.Equal(new BoundingBox(-60.901471, 56.577721, 19.845911, 80.417613), record.Ground.Box);
        Assert.Equal("Aqua", record.Platform);
        Assert.Equal(["MODIS"], record.Instruments);
        Assert.Equal("https://ladsweb.modaps.eosdis.nasa.gov/archive/allData/6/MYBRGB/2019/051/MYBRGB.A2019051.0430.006.2019052000816.jpg", record.Details["quicklook"]);
        Assert.Equal("http://doi.org/10.5067/MODIS/MYD021KM.006", record.Details["documentation"]);
        var data = Assert.Single(record.Access);
        Assert.Equal(("application/x-hdfeos", (long?)null), (data.Format, data.SizeBytes));
        Assert.Equal(["application/x-hdfeos"], record.Formats);
        Assert.Equal("Night", record.Details["day/night"]);
    }

    private static JsonElement Changed(JsonElement item, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(item.GetRawText())!.AsObject();
        change(node);
        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }

    [Fact]
    public void A_point_granule_is_a_point_on_the_ground()
    {
        // UMM-G's point geometry, written into a recorded granule in place of its rectangles.
        var item = Changed(Items("granule-ssh-grids.json").Single(), n =>
            n["umm"]!["SpatialExtent"]!["HorizontalSpatialDomain"]!["Geometry"] = JsonNode.Parse("""{"Points": [{"Longitude": 10.5, "Latitude": -20.25}]}"""));
        var record = Mapper.MapGranule(item, "point").Record!;
        Assert.Equal(new BoundingBox(10.5, -20.25, 10.5, -20.25), record.Ground!.Box);
    }

    [Fact]
    public void A_granule_ending_before_it_begins_is_kept_without_the_range_and_says_so()
    {
        var item = Changed(Items("granule-ssh-grids.json").Single(), n =>
            n["umm"]!["TemporalExtent"]!["RangeDateTime"] = JsonNode.Parse("""{"BeginningDateTime": "2020-01-03T00:00:00Z", "EndingDateTime": "2020-01-02T00:00:00Z"}"""));
        var entry = Mapper.MapGranule(item, "inverted");
        Assert.Null(entry.Failure);
        Assert.Null(entry.Record!.Time);
        Assert.Contains("before it begins", entry.Record.Details["time range"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_item_is_withdrawn_and_one_without_concept_id_is_a_failure_naming_it()
    {
        var item = Items("granule-ssh-grids.json").Single();
        var deleted = Mapper.MapGranule(Changed(item, n => n["meta"]!["deleted"] = true), "deleted");
        Assert.Equal(("cmr:G2546526969-POCLOUD", null), (deleted.WithdrawnId, deleted.Record));
        var anonymous = Mapper.MapGranule(Changed(item, n => n["meta"]!.AsObject().Remove("concept-id")), "page 1 item 3");
        Assert.Equal("page 1 item 3", anonymous.Failure!.Where);
        Assert.Contains("no meta.concept-id", anonymous.Failure.Reason, StringComparison.Ordinal);
        Assert.Contains("ssh_grids_v2205_2020010212", anonymous.Failure.Sample, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1A", "scene")]
    [InlineData("2P", "scene")]
    [InlineData("L3", "grid")]
    [InlineData("4", "grid")]
    [InlineData("0", null)]
    [InlineData("Not provided", null)]
    public void Processing_levels_give_product_types(string level, string? type) => Assert.Equal(type, CmrMapper.ProductTypeOf(level));
}
