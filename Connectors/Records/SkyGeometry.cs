namespace DiscoveryPortal.Connectors.Records;

/// <summary>Spherical geometry on RA/Dec in degrees.</summary>
public static class SkyGeometry
{
    private const double ToRad = Math.PI / 180.0;

    /// <summary>Great-circle distance in degrees (haversine: accurate for small and large separations).</summary>
    public static double AngularDistance(double ra1, double dec1, double ra2, double dec2)
    {
        var dDec = (dec2 - dec1) * ToRad;
        var dRa = (ra2 - ra1) * ToRad;
        var a = Math.Sin(dDec / 2) * Math.Sin(dDec / 2)
              + Math.Cos(dec1 * ToRad) * Math.Cos(dec2 * ToRad) * Math.Sin(dRa / 2) * Math.Sin(dRa / 2);
        return 2 * Math.Asin(Math.Min(1.0, Math.Sqrt(a))) / ToRad;
    }

    public static (double X, double Y, double Z) ToUnitVector(double ra, double dec)
    {
        var r = ra * ToRad;
        var d = dec * ToRad;
        return (Math.Cos(d) * Math.Cos(r), Math.Cos(d) * Math.Sin(r), Math.Sin(d));
    }

    public static (double Ra, double Dec) FromVector(double x, double y, double z)
    {
        var ra = Math.Atan2(y, x) / ToRad;
        if (ra < 0)
        {
            ra += 360;
        }
        var dec = Math.Atan2(z, Math.Sqrt(x * x + y * y)) / ToRad;
        return (ra, dec);
    }
}
