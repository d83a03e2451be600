namespace DiscoveryPortal.Connectors.Records;

/// <summary>DOIs as sources write them ("10.5281/zenodo.1", "doi:10...", "https://doi.org/10..."), brought to one form.</summary>
public static class DoiName
{
    private static readonly string[] Prefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"];

    /// <summary>The DOI without a resolver prefix, as given otherwise; null for a blank one.</summary>
    public static string? Strip(string? doi)
    {
        if (string.IsNullOrWhiteSpace(doi))
        {
            return null;
        }
        var d = doi.Trim();
        foreach (var prefix in Prefixes)
        {
            if (d.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return d[prefix.Length..];
            }
        }
        return d;
    }

    /// <summary>The DOI as it is compared (DOIs are case-insensitive).</summary>
    public static string? Key(string? doi) => Strip(doi)?.ToLowerInvariant();
}
