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
}
