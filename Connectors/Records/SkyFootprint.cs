namespace DiscoveryPortal.Connectors.Records;

/// <summary>
/// Region on the celestial sphere in ICRS degrees. The bounding circle is always present so a cone
/// search needs no geometry engine; the polygon is kept for display and finer checks.
/// </summary>
public sealed record SkyFootprint(double Ra, double Dec, double Radius, IReadOnlyList<SkyPoint>? Polygon = null)
{
    /// <summary>
    /// The footprint of a polygon. A closed ring (the first vertex repeated at the end, as GeoJSON and many
    /// STC-S writers give it) is read as the open one: counted twice, that vertex would pull the centre and the radius.
    /// </summary>
    public static SkyFootprint FromPolygon(IReadOnlyList<SkyPoint> polygon)
    {
        if (polygon.Count > 3 && SameVertex(polygon[0], polygon[^1]))
        {
            polygon = polygon.Take(polygon.Count - 1).ToList();
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(polygon.Count, 3);
        // Centre from the mean of unit vectors: robust across RA 0/360 and near the poles.
        double x = 0, y = 0, z = 0;
        foreach (var p in polygon)
        {
            var (px, py, pz) = SkyGeometry.ToUnitVector(p.Ra, p.Dec);
            x += px;
            y += py;
            z += pz;
        }
        var (ra, dec) = SkyGeometry.FromVector(x, y, z);
        var radius = polygon.Max(p => SkyGeometry.AngularDistance(ra, dec, p.Ra, p.Dec));
        return new SkyFootprint(ra, dec, radius, polygon);
    }

    private static bool SameVertex(SkyPoint a, SkyPoint b) =>
        Math.Abs(a.Dec - b.Dec) < 1e-9 && (Math.Abs(a.Ra - b.Ra) < 1e-9 || Math.Abs(Math.Abs(a.Ra - b.Ra) - 360) < 1e-9 || Math.Abs(a.Dec) == 90);
}

public readonly record struct SkyPoint(double Ra, double Dec);
