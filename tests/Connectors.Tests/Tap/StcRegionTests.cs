using DiscoveryPortal.Connectors.Tap;

namespace DiscoveryPortal.Connectors.Tests.Tap;

public sealed class StcRegionTests
{
    [Fact]
    public void An_stcs_polygon_becomes_a_footprint_around_its_vertices()
    {
        var sky = StcRegion.Parse("Polygon ICRS 5.0880992953 33.8657594349 5.0355038987 31.2453170186 1.9726562093 31.2287678614 1.9153724039 33.8626908007", "adql:REGION");
        Assert.NotNull(sky);
        Assert.Equal(4, sky.Polygon!.Count);
        Assert.InRange(sky.Ra, 3.4, 3.6);
        Assert.InRange(sky.Dec, 32.4, 32.7);
        Assert.InRange(sky.Radius, 1.8, 2.0);
    }

    [Fact]
    public void A_dali_polygon_across_ra_zero_is_centred_near_zero()
    {
        var sky = StcRegion.Parse(new[] { 359.9, -1.0, 0.1, -1.0, 0.1, 1.0, 359.9, 1.0 }, "polygon");
        Assert.NotNull(sky);
        Assert.True(sky.Ra < 0.01 || sky.Ra > 359.99, $"centre RA {sky.Ra}");
        Assert.InRange(sky.Radius, 1.0, 1.01); // corner distance: 0.1 deg of RA, 1 deg of Dec
    }

    [Theory]
    [InlineData("Circle ICRS 10.5 -20.25 0.5", 10.5, -20.25, 0.5)]
    [InlineData("CIRCLE 10.5 -20.25 0.5", 10.5, -20.25, 0.5)]
    [InlineData("Position ICRS GEOCENTER 200 30", 200, 30, 0)]
    [InlineData("Box ICRS 100 10 0.6 0.8", 100, 10, 0.5)]
    public void Circles_boxes_and_positions_are_read(string stcs, double ra, double dec, double radius)
    {
        var sky = StcRegion.Parse(stcs, null)!;
        Assert.Equal(ra, sky.Ra, 6);
        Assert.Equal(dec, sky.Dec, 6);
        Assert.Equal(radius, sky.Radius, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Polygon ICRS 1 2 3")]
    [InlineData("Polygon ICRS 1 2 3 4 5 95")]
    [InlineData("Ellipse ICRS 1 2 3 4 5")]
    [InlineData("not a region at all")]
    public void What_cannot_be_read_is_null(string stcs) => Assert.Null(StcRegion.Parse(stcs, null));
}
