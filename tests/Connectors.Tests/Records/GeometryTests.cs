using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Tests.Records;

public class GeometryTests
{
    [Theory]
    [InlineData(359.9, 0, 0.1, 0, 0.2)]
    [InlineData(0, 89.9, 180, 89.9, 0.2)]
    [InlineData(10, -90, 200, -90, 0)]
    [InlineData(0, 0, 180, 0, 180)]
    public void Angular_distance_handles_wrap_around_and_poles(double ra1, double dec1, double ra2, double dec2, double expected) =>
        Assert.Equal(expected, SkyGeometry.AngularDistance(ra1, dec1, ra2, dec2), 6);

    [Fact]
    public void A_polygon_across_ra_zero_gets_its_centre_at_ra_zero()
    {
        var footprint = SkyFootprint.FromPolygon([new(359, -1), new(1, -1), new(1, 1), new(359, 1)]);

        Assert.True(footprint.Ra < 0.001 || footprint.Ra > 359.999, $"centre RA {footprint.Ra}");
        Assert.Equal(0, footprint.Dec, 6);
        Assert.InRange(footprint.Radius, 1.41, 1.42);
    }

    [Theory]
    [InlineData(170, -10, -170, 10, 175, 0, 176, 1, true)]
    [InlineData(170, -10, -170, 10, -175, 0, -174, 1, true)]
    [InlineData(170, -10, -170, 10, 0, 0, 1, 1, false)]
    [InlineData(0, 0, 10, 10, 10, 10, 20, 20, true)]
    [InlineData(0, 0, 10, 10, 11, 0, 20, 10, false)]
    public void Boxes_intersect_across_the_antimeridian(double w1, double s1, double e1, double n1, double w2, double s2, double e2, double n2, bool expected) =>
        Assert.Equal(expected, new BoundingBox(w1, s1, e1, n1).Intersects(new BoundingBox(w2, s2, e2, n2)));

    [Theory]
    [InlineData(-181, 0, 0, 1, false)]
    [InlineData(0, 10, 1, 5, false)]
    [InlineData(0, -91, 1, 5, false)]
    [InlineData(170, 0, -170, 1, true)]
    public void Box_validity(double w, double s, double e, double n, bool valid) =>
        Assert.Equal(valid, new BoundingBox(w, s, e, n).IsValid);
}
