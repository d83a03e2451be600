using System.Text.Json;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Normalisation;

/// <summary>Turns GeoJSON geometries and bbox arrays (WGS84, lon/lat) into a ground footprint.</summary>
public static class GeoJsonFootprint
{
    /// <summary>
    /// The footprint of a feature: its bbox where given (it may cross the antimeridian), else the
    /// geometry's extent; the outer ring of the first polygon is kept as the polygon.
    /// </summary>
    public static GroundFootprint? Of(JsonElement? geometry, JsonElement? bbox)
    {
        var ring = geometry is { } g ? OuterRing(g) : null;
        var box = bbox is { } b ? Box(b) : null;
        if (box is null && geometry is { } geo && Points(geo).ToList() is { Count: > 0 } points)
        {
            box = new BoundingBox(points.Min(p => p.Lon), points.Min(p => p.Lat), points.Max(p => p.Lon), points.Max(p => p.Lat));
        }
        return box is { IsValid: true } valid ? new GroundFootprint(valid, ring) : null;
    }

    /// <summary>A [w, s, e, n] or [w, s, zmin, e, n, zmax] array.</summary>
    public static BoundingBox? Box(JsonElement bbox)
    {
        if (bbox.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var v = bbox.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetDouble()).ToList();
        return v.Count switch
        {
            4 => new BoundingBox(v[0], v[1], v[2], v[3]),
            6 => new BoundingBox(v[0], v[1], v[3], v[4]),
            _ => null,
        };
    }

    private static IReadOnlyList<GeoPoint>? OuterRing(JsonElement geometry)
    {
        var coordinates = geometry.At("coordinates");
        var ring = geometry.Text("type") switch
        {
            "Polygon" => coordinates?.EnumerateArray().FirstOrDefault(),
            "MultiPolygon" => coordinates?.EnumerateArray().FirstOrDefault().EnumerateArray().FirstOrDefault(),
            _ => null,
        };
        if (ring is not { ValueKind: JsonValueKind.Array } r)
        {
            return null;
        }
        var points = r.EnumerateArray().Select(Point).OfType<GeoPoint>().ToList();
        return points.Count >= 3 ? points : null;
    }

    private static IEnumerable<GeoPoint> Points(JsonElement geometry)
    {
        if (geometry.At("coordinates") is not { } coordinates)
        {
            return [];
        }
        return Flatten(coordinates);

        static IEnumerable<GeoPoint> Flatten(JsonElement e)
        {
            if (Point(e) is { } p)
            {
                yield return p;
                yield break;
            }
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in e.EnumerateArray())
                {
                    foreach (var q in Flatten(child))
                    {
                        yield return q;
                    }
                }
            }
        }
    }

    private static GeoPoint? Point(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() < 2)
        {
            return null;
        }
        var first = e[0];
        var second = e[1];
        return first.ValueKind == JsonValueKind.Number && second.ValueKind == JsonValueKind.Number ? new GeoPoint(first.GetDouble(), second.GetDouble()) : null;
    }
}
