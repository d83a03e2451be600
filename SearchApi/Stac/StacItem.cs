using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.SearchApi.Quicklooks;

namespace DiscoveryPortal.SearchApi.Stac;

/// <summary>
/// A catalogue record as a STAC 1.0 Item. A record on the ground has its footprint as the geometry (its
/// polygon, else its box) and bbox; a record on the sky has no geometry, since the sky is not on the Earth, and
/// carries its position in <c>discovery:sky</c>. The collection is the record's source. Fields STAC has a
/// name for keep it (<c>title</c>, <c>mission</c>, <c>platform</c>, <c>instruments</c>, <c>license</c>,
/// <c>start_datetime</c>, ...); the rest are under <c>discovery:</c> with the names of <c>/api/assets/{id}</c>.
/// Access links are <c>data</c> assets; a quicklook is the <c>thumbnail</c> asset, served by <c>/quicklooks/{id}</c>.
/// </summary>
public static partial class StacItem
{
    public const string Version = "1.0.0";
    public const string Prefix = "discovery:";

    public static JsonObject From(AssetRecord r, StacLinks links)
    {
        var properties = new JsonObject();
        var (datetime, start, end) = Times(r);
        properties["datetime"] = datetime is null ? null : Time(datetime.Value);
        if (start is not null && end is not null)
        {
            properties["start_datetime"] = Time(start.Value);
            properties["end_datetime"] = Time(end.Value);
        }
        properties["title"] = r.Title;
        if (r.Description.Length > 0)
        {
            properties["description"] = r.Description;
        }
        if (r.Mission is not null)
        {
            properties["mission"] = r.Mission;
        }
        if (r.Platform is not null)
        {
            properties["platform"] = r.Platform;
        }
        if (r.Instruments.Count > 0)
        {
            properties["instruments"] = Array(r.Instruments);
        }
        properties["license"] = License(r.License);
        if (r.Published is { } published)
        {
            properties["updated"] = Time(published);
        }
        if (r.Keywords.Count > 0)
        {
            properties["keywords"] = Array(r.Keywords);
        }
        properties[Prefix + "domain"] = r.Domain;
        properties[Prefix + "assetType"] = r.AssetType.ToString().ToLowerInvariant();
        Put(properties, "productTypes", r.ProductTypes);
        Put(properties, "wavebands", r.Wavebands);
        Put(properties, "formats", r.Formats);
        if (r.License is not null)
        {
            properties[Prefix + "license"] = r.License;
        }
        if (r.Doi is not null)
        {
            properties[Prefix + "doi"] = r.Doi;
        }
        if (r.Authors.Count > 0)
        {
            properties[Prefix + "authors"] = new JsonArray(r.Authors.Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["orcid"] = a.Orcid }).ToArray());
        }
        if (r.Sky is { } sky)
        {
            var position = new JsonObject { ["ra"] = sky.Ra, ["dec"] = sky.Dec, ["radius"] = sky.Radius };
            if (sky.Polygon is { Count: > 0 } polygon)
            {
                position["polygon"] = new JsonArray(polygon.Select(p => (JsonNode)new JsonArray(p.Ra, p.Dec)).ToArray());
            }
            properties[Prefix + "sky"] = position;
        }

        var item = new JsonObject
        {
            ["type"] = "Feature",
            ["stac_version"] = Version,
            ["stac_extensions"] = new JsonArray(),
            ["id"] = r.Id,
            ["collection"] = r.SourceId,
            ["geometry"] = Geometry(r.Ground),
        };
        if (r.Ground is { } ground)
        {
            item["bbox"] = new JsonArray(ground.Box.West, ground.Box.South, ground.Box.East, ground.Box.North);
        }
        item["properties"] = properties;
        var itemLinks = new JsonArray
        {
            StacLinks.Link("self", links.Item(r.SourceId, r.Id), StacLinks.GeoJson),
            StacLinks.Link("root", links.Root, StacLinks.Json),
            StacLinks.Link("parent", links.Collection(r.SourceId), StacLinks.Json),
            StacLinks.Link("collection", links.Collection(r.SourceId), StacLinks.Json),
            StacLinks.Link("alternate", links.AssetPage(r.Id), "text/html", "The record on the portal"),
            StacLinks.Link("describedby", links.AssetJson(r.Id), StacLinks.Json, "The full record"),
        };
        if (r.LandingPage is not null)
        {
            itemLinks.Add(StacLinks.Link("via", r.LandingPage, null, "The record at its source"));
        }
        item["links"] = itemLinks;
        var assets = new JsonObject();
        for (var i = 0; i < r.Access.Count; i++)
        {
            var a = r.Access[i];
            var asset = new JsonObject { ["href"] = a.Url };
            if (a.Title is not null)
            {
                asset["title"] = a.Title;
            }
            if (a.Format is not null)
            {
                asset["type"] = a.Format;
            }
            asset["roles"] = new JsonArray("data");
            assets[i == 0 ? "data" : $"data-{i + 1}"] = asset;
        }
        if (r.Quicklook is { } quicklook)
        {
            // The portal's own route, never the archive's URL: it fetches the picture through the outbound guard.
            var thumbnail = new JsonObject { ["href"] = links.Portal(QuicklookEndpoints.PathOf(r.Id)) };
            if (quicklook.MediaType is not null)
            {
                thumbnail["type"] = quicklook.MediaType;
            }
            thumbnail["roles"] = new JsonArray("thumbnail");
            assets["thumbnail"] = thumbnail;
        }
        item["assets"] = assets;
        return item;
    }

    /// <summary>
    /// STAC's datetime: the one instant of a record observed at one time, else null beside its start and end;
    /// a record without a time has the date it was published (or harvested) as its datetime.
    /// </summary>
    public static (DateTimeOffset? Datetime, DateTimeOffset? Start, DateTimeOffset? End) Times(AssetRecord r) => r.Time switch
    {
        { Start: { } s, End: { } e } when s == e => (s, null, null),
        { Start: { } s, End: { } e } => (null, s, e),
        { Start: { } s } => (s, null, null),
        { End: { } e } => (e, null, null),
        _ => (r.Published ?? r.HarvestedAt, null, null),
    };

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture).Replace(".Z", "Z", StringComparison.Ordinal);

    /// <summary>STAC's license is an SPDX id, else "other" (the record's own wording stays in discovery:license).</summary>
    public static string License(string? license) => license is not null && Spdx().IsMatch(license) ? license : "other";

    [GeneratedRegex(@"^[\w\-\.\+]+$")]
    private static partial Regex Spdx();

    public static JsonNode? Geometry(GroundFootprint? ground)
    {
        if (ground is null)
        {
            return null;
        }
        if (ground.Polygon is { Count: >= 3 } polygon)
        {
            var ring = polygon.Select(p => (JsonNode)new JsonArray(p.Lon, p.Lat)).ToList();
            if (polygon[0] != polygon[^1])
            {
                ring.Add(new JsonArray(polygon[0].Lon, polygon[0].Lat));
            }
            return new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray([.. ring])) };
        }
        var b = ground.Box;
        if (b.West == b.East && b.South == b.North)
        {
            return new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(b.West, b.South) };
        }
        if (b.CrossesAntimeridian)
        {
            return new JsonObject
            {
                ["type"] = "MultiPolygon",
                ["coordinates"] = new JsonArray(new JsonArray(Box(b.West, b.South, 180, b.North)), new JsonArray(Box(-180, b.South, b.East, b.North))),
            };
        }
        return new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(Box(b.West, b.South, b.East, b.North)) };
    }

    private static JsonArray Box(double w, double s, double e, double n) =>
        new(new JsonArray(w, s), new JsonArray(e, s), new JsonArray(e, n), new JsonArray(w, n), new JsonArray(w, s));

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static void Put(JsonObject properties, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            properties[Prefix + name] = Array(values);
        }
    }
}
