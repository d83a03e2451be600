using System.Globalization;
using System.Text.Json;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Stac;

/// <summary>
/// Maps STAC collections to collection assets and STAC items to observation assets under them:
/// geometry and bbox to the ground footprint, datetime (or its interval) to the time range, platform,
/// constellation and instruments to mission and instrument through the shared vocabulary, data assets
/// to access links and formats. Items are identified within their collection, as STAC does.
/// </summary>
public sealed class StacMapper(string sourceId, string sourceTitle, string domain, MissionVocabulary missions, TimeProvider clock)
{
    private static readonly string[] NotData = ["thumbnail", "overview", "metadata", "visual", "tiles"];

    public string CollectionId(string stacId) => $"{sourceId}:collection/{stacId}";

    public string ItemId(string? collection, string stacId) => collection is null ? $"{sourceId}:{stacId}" : $"{sourceId}:{collection}/{stacId}";

    public (AssetRecord? Record, HarvestFailure? Failure) MapCollection(JsonElement collection, string where, Uri? documentUrl = null)
    {
        if (collection.Text("id") is not { } stacId)
        {
            return (null, Fail(where, "the collection has no id", collection));
        }
        var mission = Mission(collection.Texts("summaries", "platform").Concat(collection.Texts("summaries", "constellation")).Append(stacId));
        var interval = collection.Items("extent", "temporal", "interval").FirstOrDefault();
        var details = new Dictionary<string, string> { ["STAC collection"] = stacId };
        if (collection.Texts("summaries", "platform") is { Count: > 0 } platforms)
        {
            details["platforms"] = string.Join(", ", platforms);
        }
        if (collection.Items("summaries", "gsd").Select(g => g.ValueKind == JsonValueKind.Number ? g.GetDouble().ToString(CultureInfo.InvariantCulture) : null).OfType<string>().ToList() is { Count: > 0 } gsd)
        {
            details["gsd (m)"] = string.Join(", ", gsd);
        }
        var record = new AssetRecord
        {
            Id = CollectionId(stacId),
            SourceId = sourceId,
            Title = collection.Text("title") ?? stacId,
            Description = collection.Text("description") ?? "",
            Domain = mission?.Domain ?? domain,
            Mission = mission?.Name,
            MissionFamily = mission?.Family,
            Instruments = Instruments(collection.At("summaries")),
            AssetType = AssetType.Collection,
            Wavebands = Bands([collection.At("summaries"), collection.At("properties"), .. Objects(collection.At("item_assets"))]),
            Keywords = collection.Texts("keywords"),
            License = collection.Text("license"),
            Authors = collection.Items("providers").Select(p => p.Text("name")).OfType<string>().Select(n => new Person(n)).ToList(),
            LandingPage = SelfLink(collection, documentUrl),
            Ground = GeoJsonFootprint.Of(null, collection.Items("extent", "spatial", "bbox").FirstOrDefault()),
            Time = interval.ValueKind == JsonValueKind.Array ? Interval(interval) : null,
            Details = details,
            Published = collection.Time("updated") ?? collection.Time("created"),
            HarvestedAt = clock.GetUtcNow(),
            NativeHash = NativeHash.Of(collection.GetRawText()),
        };
        return (record, null);
    }

    public (AssetRecord? Record, HarvestFailure? Failure) MapItem(JsonElement item, string where, Uri? documentUrl = null)
    {
        if (item.ValueKind != JsonValueKind.Object || item.Text("id") is not { } stacId)
        {
            return (null, Fail(where, "the item has no id", item));
        }
        if (item.At("properties") is not { } p)
        {
            return (null, Fail(where, $"item {stacId} has no properties", item));
        }
        var collection = item.Text("collection");
        var start = p.Time("start_datetime") ?? p.Time("datetime");
        var end = p.Time("end_datetime") ?? p.Time("datetime");
        if (start is null)
        {
            return (null, Fail(where, $"item {stacId} has no datetime nor start_datetime", item));
        }
        var platform = p.Text("platform");
        // No platform in the table (or none at all, as airborne imagery has): the constellation, then the collection.
        var mission = Mission([.. p.Texts("platform"), .. p.Texts("constellation"), .. collection is null ? [] : new[] { collection }]);
        var assets = item.At("assets") is { ValueKind: JsonValueKind.Object } a ? a.EnumerateObject().ToList() : [];
        var data = assets.Where(x => IsData(x.Value)).ToList();
        var access = data.Select(x => Link(x.Name, x.Value, documentUrl)).OfType<AccessLink>().ToList();
        var details = new Dictionary<string, string>();
        void Put(string key, string? value)
        {
            if (value is not null)
            {
                details[key] = value;
            }
        }
        Put("STAC collection", collection);
        Put("platform", platform);
        Put("constellation", p.Text("constellation"));
        Put("cloud cover (%)", p.Text("eo:cloud_cover"));
        Put("gsd (m)", p.Text("gsd"));
        Put("product type", p.Text("product:type") ?? p.Text("s2:product_type") ?? p.Text("oseo:productType") ?? p.Text("sar:product_type"));
        Put("processing level", p.Text("processing:level") ?? p.Text("oseo:processingLevel"));
        Put("orbit state", p.Text("sat:orbit_state"));
        var title = p.Text("title") ?? stacId;
        var record = new AssetRecord
        {
            Id = ItemId(collection, stacId),
            SourceId = sourceId,
            Title = title,
            Description = p.Text("description") ?? Describe(mission?.Name ?? platform, p, start.Value, collection),
            Domain = mission?.Domain ?? domain,
            Mission = mission?.Name,
            MissionFamily = mission?.Family,
            Platform = platform,
            Instruments = Instruments(p),
            AssetType = AssetType.Observation,
            ProductTypes = ["scene"],
            Wavebands = Bands([p, .. assets.Select(x => (JsonElement?)x.Value)]),
            Formats = data.Select(x => MediaTypes.Normalise(x.Value.Text("type"))).OfType<string>().Distinct().ToList(),
            Keywords = p.Texts("keywords"),
            License = p.Text("license"),
            Access = access,
            Quicklook = Picture(assets, documentUrl),
            LandingPage = SelfLink(item, documentUrl),
            Ground = GeoJsonFootprint.Of(item.At("geometry"), item.At("bbox")),
            Time = new TimeRange(start, end is { } e && e >= start ? e : start),
            Published = p.Time("updated") ?? p.Time("created") ?? start,
            Details = details,
            HarvestedAt = clock.GetUtcNow(),
            NativeHash = NativeHash.Of(item.GetRawText()),
        };
        return (record, null);
    }

    private MissionName? Mission(IEnumerable<string> names) => names.Select(missions.Resolve).FirstOrDefault(m => m is not null);

    // "intruments" is how eodag's PEPS catalogue spells it; it is read so those catalogues keep their instrument.
    private static IReadOnlyList<string> Instruments(JsonElement? properties) =>
        properties is { } p
            ? p.Texts("instruments").Concat(p.Texts("intruments")).Select(i => i.ToUpperInvariant()).Distinct().ToList()
            : [];

    /// <summary>
    /// The wavebands of the channels listed in <c>eo:bands</c> (STAC 1.0, on properties, summaries or assets) or
    /// <c>bands</c> (1.1, with <c>eo:common_name</c>); a SAR frequency band or polarisation says "sar".
    /// </summary>
    private static IReadOnlyList<string> Bands(IEnumerable<JsonElement?> holders)
    {
        var found = new List<string>();
        foreach (var holder in holders.OfType<JsonElement>())
        {
            foreach (var band in holder.Items("eo:bands").Concat(holder.Items("bands")))
            {
                var centre = band.Number("center_wavelength") ?? band.Number("eo:center_wavelength");
                if (Wavebands.OfChannel(band.Text("common_name") ?? band.Text("eo:common_name"), centre) is { } name)
                {
                    found.Add(name);
                }
            }
            if (holder.At("sar:frequency_band") is not null || holder.At("sar:polarizations") is not null || holder.At("sar:instrument_mode") is not null)
            {
                found.Add("sar");
            }
        }
        return found.Distinct().ToList();
    }

    private static IEnumerable<JsonElement?> Objects(JsonElement? parent) =>
        parent is { ValueKind: JsonValueKind.Object } o ? o.EnumerateObject().Select(x => (JsonElement?)x.Value) : [];

    private static bool IsData(JsonElement asset)
    {
        var roles = asset.Texts("roles").Concat(asset.Texts("role")).ToList();
        return roles.Count == 0 ? asset.Text("type") is not ("image/jpeg" or "image/png") : roles.Contains("data") || !roles.Any(r => NotData.Contains(r));
    }

    /// <summary>
    /// The item's picture: an asset with the role (or key) <c>thumbnail</c>, else one with <c>overview</c>, in a type
    /// browsers show (an overview is often a cloud-optimised GeoTIFF, which is not one).
    /// </summary>
    private static Quicklook? Picture(List<JsonProperty> assets, Uri? documentUrl)
    {
        foreach (var (role, name) in new[] { (QuicklookRole.Thumbnail, "thumbnail"), (QuicklookRole.Overview, "overview") })
        {
            var found = assets
                .Where(x => x.Name == name || x.Value.Texts("roles").Concat(x.Value.Texts("role")).Contains(name))
                .Select(x => Quicklook.From(Href(x.Value, documentUrl), role, x.Value.Text("type"), x.Value.Integer("file:size")))
                .FirstOrDefault(q => q is not null);
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>An asset's href, resolved against the document it was read from.</summary>
    private static string? Href(JsonElement asset, Uri? documentUrl)
    {
        var href = asset.Text("href");
        if (href is not null && documentUrl is not null && Uri.TryCreate(documentUrl, href, out var resolved))
        {
            href = resolved.ToString();
        }
        return href;
    }

    private static AccessLink? Link(string key, JsonElement asset, Uri? documentUrl)
    {
        var href = Href(asset, documentUrl);
        if (href is null)
        {
            return null;
        }
        return RecordValidator.IsHttpUrl(href)
            ? new AccessLink(href!, asset.Text("title") ?? key, MediaTypes.Normalise(asset.Text("type")), asset.Integer("file:size"), asset.Text("file:checksum"))
            : null;
    }

    private static string? SelfLink(JsonElement document, Uri? documentUrl)
    {
        var self = document.Items("links").FirstOrDefault(l => l.Text("rel") == "self").Text("href");
        if (self is not null && documentUrl is not null && Uri.TryCreate(documentUrl, self, out var resolved))
        {
            self = resolved.ToString();
        }
        self ??= documentUrl?.ToString();
        return RecordValidator.IsHttpUrl(self) ? self : null;
    }

    private static TimeRange? Interval(JsonElement interval)
    {
        var ends = interval.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? JsonFields.ParseTime(x.GetString()) : null).ToList();
        return ends.Count == 2 && (ends[0] is not null || ends[1] is not null) ? new TimeRange(ends[0], ends[1]) : null;
    }

    private static string Describe(string? mission, JsonElement p, DateTimeOffset start, string? collection)
    {
        var parts = new List<string> { $"{mission ?? "Earth observation"} scene acquired {start.UtcDateTime:yyyy-MM-dd HH:mm} UTC" };
        if (collection is not null)
        {
            parts.Add($"in collection {collection}");
        }
        if (p.Number("eo:cloud_cover") is { } cloud)
        {
            parts.Add($"cloud cover {cloud.ToString("0.#", CultureInfo.InvariantCulture)}%");
        }
        return string.Join(", ", parts) + ".";
    }

    private HarvestFailure Fail(string where, string reason, JsonElement native) =>
        new(where, $"{sourceTitle}: {reason}", Http.SourceClient.Sample(native.GetRawText()));
}
