namespace DiscoveryPortal.Connectors.Records;

/// <summary>Wavebands: the IVOA list for astronomy plus the sensing kinds used in Earth observation.</summary>
public static class Wavebands
{
    public static IReadOnlyList<string> All { get; } =
    [
        "radio", "millimetre", "infrared", "optical", "ultraviolet", "x-ray", "gamma-ray",
        "sar", "thermal-infrared", "microwave", "altimetry", "gravitational-wave",
    ];

    /// <summary>Maps spellings sources use ("EUV", "Millimeter", "X-Ray", "UV") onto the list; null when unknown.</summary>
    public static string? Canonical(string value)
    {
        var v = value.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        return v switch
        {
            "millimeter" or "mm" or "sub-millimetre" or "submillimetre" or "submillimeter" => "millimetre",
            "ir" or "nir" or "mir" or "fir" or "near-infrared" or "mid-infrared" or "far-infrared" => "infrared",
            "visible" or "vis" or "optical-multispectral" => "optical",
            "uv" or "euv" => "ultraviolet",
            "xray" or "x-rays" or "x" => "x-ray",
            "gamma" or "gammaray" or "gamma-rays" => "gamma-ray",
            "tir" or "thermal" => "thermal-infrared",
            "radar" => "sar",
            _ => All.Contains(v) ? v : null,
        };
    }

    // Wavelength limits (metres) of the astronomical bands, after the IVOA's waveband vocabulary. The far
    // infrared reaches 1 mm, as the instruments that observe it (Herschel SPIRE and HIFI, to 672 µm) are
    // described, so 350 µm to 1 mm is both infrared and millimetre.
    private static readonly (string Band, double From, double To)[] Ranges =
    [
        ("gamma-ray", 0, 1e-11),
        ("x-ray", 1e-11, 1e-8),
        ("ultraviolet", 1e-8, 3.2e-7),
        ("optical", 3.2e-7, 1e-6),
        ("infrared", 1e-6, 1e-3),
        ("millimetre", 3.5e-4, 1e-2),
        ("radio", 1e-2, double.PositiveInfinity),
    ];

    /// <summary>The bands a wavelength interval (metres, either end may be missing) overlaps, shortest first.</summary>
    public static IReadOnlyList<string> FromWavelengths(double? min, double? max)
    {
        var lo = min ?? max;
        var hi = max ?? min;
        if (lo is not { } a || hi is not { } b || !double.IsFinite(a) || !double.IsFinite(b) || a <= 0 || b <= 0)
        {
            return [];
        }
        if (a > b)
        {
            (a, b) = (b, a);
        }
        return Ranges.Where(r => a < r.To && b > r.From).Select(r => r.Band).ToList();
    }

    /// <summary>
    /// The band of an Earth-observation channel: by its STAC <c>eo</c> common name ("blue", "nir", "swir16",
    /// "lwir11"), else by its centre wavelength in micrometres (visible to 0.7 µm, reflected infrared to 3 µm,
    /// thermal to 15 µm); null when neither says. The name is trusted first: catalogues misplace decimal points.
    /// </summary>
    public static string? OfChannel(string? commonName, double? centreMicrons)
    {
        var name = commonName?.Trim().ToLowerInvariant() ?? "";
        if (name.Length > 0)
        {
            if (name.StartsWith("lwir", StringComparison.Ordinal) || name.StartsWith("tir", StringComparison.Ordinal))
            {
                return "thermal-infrared";
            }
            if (name.StartsWith("nir", StringComparison.Ordinal) || name.StartsWith("swir", StringComparison.Ordinal) || name is "cirrus" or "mwir")
            {
                return "infrared";
            }
            if (name is "pan" or "coastal" or "blue" or "green" or "red" or "yellow" || name.StartsWith("rededge", StringComparison.Ordinal))
            {
                return "optical";
            }
        }
        return centreMicrons switch
        {
            null or <= 0 or double.NaN => null,
            < 0.38 => "ultraviolet",
            < 0.7 => "optical",
            < 3 => "infrared",
            < 15 => "thermal-infrared",
            < 1000 => "infrared",
            _ => "microwave",
        };
    }
}
