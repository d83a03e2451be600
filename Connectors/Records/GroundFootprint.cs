using System.Text.Json.Serialization;

namespace DiscoveryPortal.Connectors.Records;

/// <summary>Region on the Earth in WGS84 degrees: a bounding box, plus the polygon where the source gives one.</summary>
public sealed record GroundFootprint(BoundingBox Box, IReadOnlyList<GeoPoint>? Polygon = null)
{
    public static GroundFootprint FromPolygon(IReadOnlyList<GeoPoint> polygon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(polygon.Count, 3);
        return new GroundFootprint(
            new BoundingBox(polygon.Min(p => p.Lon), polygon.Min(p => p.Lat), polygon.Max(p => p.Lon), polygon.Max(p => p.Lat)),
            polygon);
    }
}

public readonly record struct GeoPoint(double Lon, double Lat);

/// <summary>West, south, east, north in degrees. West greater than east means the box crosses the antimeridian.</summary>
public readonly record struct BoundingBox(double West, double South, double East, double North)
{
    [JsonIgnore]
    public bool CrossesAntimeridian => West > East;

    [JsonIgnore]
    public bool IsValid =>
        West is >= -180 and <= 180 && East is >= -180 and <= 180
        && South is >= -90 and <= 90 && North is >= -90 and <= 90 && South <= North;

    public bool Intersects(BoundingBox other) =>
        South <= other.North && other.South <= North && LongitudesOverlap(other);

    private bool LongitudesOverlap(BoundingBox other)
    {
        foreach (var (w1, e1) in Spans())
        {
            foreach (var (w2, e2) in other.Spans())
            {
                if (w1 <= e2 && w2 <= e1)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private (double West, double East)[] Spans() =>
        CrossesAntimeridian ? [(West, 180), (-180, East)] : [(West, East)];
}
