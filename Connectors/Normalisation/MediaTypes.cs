namespace DiscoveryPortal.Connectors.Normalisation;

/// <summary>
/// MIME types for the file names and short format names sources give instead of one ("fits", "SAFE",
/// "x.tar.gz"), so every record's formats facet speaks one language.
/// </summary>
public static class MediaTypes
{
    private static readonly (string Suffix, string Type)[] BySuffix =
    [
        (".fits.gz", "application/fits"), (".fits", "application/fits"), (".fit", "application/fits"), (".fz", "application/fits"),
        (".vot", "application/x-votable+xml"), (".votable", "application/x-votable+xml"), (".tar.gz", "application/gzip"), (".tgz", "application/gzip"),
        (".gz", "application/gzip"), (".zip", "application/zip"), (".tar", "application/x-tar"), (".csv", "text/csv"), (".json", "application/json"),
        (".geojson", "application/geo+json"), (".xml", "application/xml"), (".pdf", "application/pdf"), (".txt", "text/plain"), (".md", "text/markdown"),
        (".ipynb", "application/x-ipynb+json"), (".py", "text/x-python"), (".h5", "application/x-hdf5"), (".hdf5", "application/x-hdf5"),
        (".hdf", "application/x-hdf"), (".nc", "application/x-netcdf"), (".tif", "image/tiff"), (".tiff", "image/tiff"), (".jp2", "image/jp2"),
        (".png", "image/png"), (".jpg", "image/jpeg"), (".jpeg", "image/jpeg"), (".gif", "image/gif"), (".webp", "image/webp"), (".parquet", "application/vnd.apache.parquet"),
        (".zarr", "application/vnd+zarr"), (".safe", "application/x-safe"), (".dtd", "application/xml-dtd"),
    ];

    /// <summary>The MIME type of a file name, or null when its extension is not known.</summary>
    public static string? OfFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var lower = name.Trim().ToLowerInvariant();
        foreach (var (suffix, type) in BySuffix)
        {
            if (lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return type;
            }
        }
        return null;
    }

    /// <summary>A format as a source wrote it: a MIME type is kept (without parameters), a short name is looked up.</summary>
    public static string? Normalise(string? format)
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            return null;
        }
        var f = format.Trim();
        if (f.Contains('/', StringComparison.Ordinal))
        {
            var semicolon = f.IndexOf(';', StringComparison.Ordinal);
            return (semicolon < 0 ? f : f[..semicolon]).Trim().ToLowerInvariant();
        }
        return OfFileName("." + f);
    }
}
