namespace DiscoveryPortal.Connectors.Records;

/// <summary>Data product types: ObsCore's <c>dataproduct_type</c> list plus what other sources publish.</summary>
public static class ProductTypes
{
    public static IReadOnlyList<string> All { get; } =
    [
        "image", "cube", "spectrum", "sed", "timeseries", "visibility", "event", "measurements", "catalog",
        "scene", "mosaic", "grid", "profile", "notebook", "code",
    ];

    /// <summary>Words a researcher may type for a product type, so "spectra" finds spectrum products.</summary>
    public static IReadOnlyList<string> SearchTerms(string productType) => productType switch
    {
        "spectrum" => ["spectrum", "spectra", "spectroscopy", "spectroscopic"],
        "image" => ["image", "images", "imaging"],
        "cube" => ["cube", "cubes", "datacube"],
        "timeseries" => ["timeseries", "time series", "light curve", "lightcurve"],
        "catalog" => ["catalog", "catalogue", "source list"],
        "visibility" => ["visibility", "visibilities", "interferometry"],
        "event" => ["event", "events", "event list"],
        "sed" => ["sed", "spectral energy distribution"],
        _ => [productType],
    };

    public static string? Canonical(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        return v switch
        {
            "spectra" or "spectral" => "spectrum",
            "images" or "imaging" => "image",
            "time-series" or "time series" or "lightcurve" or "light curve" => "timeseries",
            "catalogue" or "table" => "catalog",
            "visibilities" => "visibility",
            "events" => "event",
            _ => All.Contains(v) ? v : null,
        };
    }
}
