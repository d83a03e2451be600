using System.Globalization;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>
/// Reads an ObsCore <c>s_region</c> into a sky footprint: STC-S text ("Polygon ICRS ra dec ...",
/// "Circle", "Box", "Position") as <c>ivoa.obscore</c> serves it, or a DALI array (polygon, circle,
/// point) as native tables do. Returns null for what it cannot read; the caller falls back to s_ra/s_dec.
/// </summary>
public static class StcRegion
{
    public static SkyFootprint? Parse(object? value, string? xtype)
    {
        return value switch
        {
            string text => ParseStcs(text),
            double[] numbers => ParseDali(numbers, xtype),
            float[] numbers => ParseDali(numbers.Select(f => (double)f).ToArray(), xtype),
            _ => null,
        };
    }

    public static SkyFootprint? ParseStcs(string text)
    {
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            return null;
        }
        var shape = tokens[0].ToUpperInvariant();
        // After the shape come optional frame, reference position and flavour words, then numbers.
        var numbers = new List<double>();
        foreach (var token in tokens.Skip(1))
        {
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                numbers.Add(n);
            }
            else if (numbers.Count > 0)
            {
                break; // a second shape or a unit keyword: the first shape is enough for a footprint
            }
        }
        return shape switch
        {
            "POLYGON" => Polygon(numbers),
            "CIRCLE" when numbers.Count >= 3 => Circle(numbers[0], numbers[1], numbers[2]),
            "BOX" when numbers.Count >= 4 => Circle(numbers[0], numbers[1], Math.Sqrt((numbers[2] * numbers[2]) + (numbers[3] * numbers[3])) / 2),
            "POSITION" when numbers.Count >= 2 => Circle(numbers[0], numbers[1], 0),
            _ => null,
        };
    }

    private static SkyFootprint? ParseDali(double[] numbers, string? xtype) => xtype?.ToLowerInvariant() switch
    {
        "circle" when numbers.Length == 3 => Circle(numbers[0], numbers[1], numbers[2]),
        "point" when numbers.Length == 2 => Circle(numbers[0], numbers[1], 0),
        _ => Polygon(numbers),
    };

    private static SkyFootprint? Polygon(IReadOnlyList<double> numbers)
    {
        if (numbers.Count < 6 || numbers.Count % 2 != 0 || numbers.Any(n => !double.IsFinite(n)))
        {
            return null;
        }
        var points = new List<SkyPoint>(numbers.Count / 2);
        for (var i = 0; i < numbers.Count; i += 2)
        {
            if (numbers[i + 1] is < -90 or > 90)
            {
                return null;
            }
            points.Add(new SkyPoint(((numbers[i] % 360) + 360) % 360, numbers[i + 1]));
        }
        return SkyFootprint.FromPolygon(points);
    }

    private static SkyFootprint? Circle(double ra, double dec, double radius) =>
        double.IsFinite(ra) && dec is >= -90 and <= 90 && radius is >= 0 and <= 180
            ? new SkyFootprint(((ra % 360) + 360) % 360, dec, radius)
            : null;
}
