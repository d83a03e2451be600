using System.Globalization;
using System.Text;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Web.Pages.Assets;

/// <summary>
/// What the asset page calls things: a source's raw detail keys (<c>obs_id</c>, <c>cloudCover</c>) as
/// words a researcher reads, and each access link by what it is (a web page, a FITS file, a SAFE product).
/// </summary>
public static class RecordLabels
{
    // Keys whose plain spelling out would still read as code; every other key is spelled out from its parts.
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["obs_id"] = "Observation id",
        ["observationId"] = "Observation id",
        ["obs_collection"] = "Collection",
        ["cloudCover"] = "Cloud cover (%)",
        ["gsd"] = "Ground sample distance (m)",
        ["wrsPath"] = "Landsat WRS path",
        ["wrsRow"] = "Landsat WRS row",
        ["mode"] = "Acquisition mode",
        ["STAC collection"] = "STAC collection",
        ["concept DOI"] = "Concept DOI",
    };

    /// <summary>A detail key as a label: known keys by name, others split at underscores, colons and case changes.</summary>
    public static string Detail(string key)
    {
        if (Known.TryGetValue(key, out var known))
        {
            return known;
        }
        var words = new StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '_' or ':' or '-')
            {
                words.Append(' ');
            }
            else if (char.IsUpper(c) && i > 0 && char.IsLower(key[i - 1]))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }
        var text = string.Join(' ', words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? key : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static readonly (string Prefix, string Kind)[] Formats =
    [
        ("application/x-safe+zip", "SAFE product (zip)"),
        ("application/x-safe", "SAFE product"),
        ("image/tiff; application=geotiff; profile=cloud-optimized", "Cloud-optimised GeoTIFF"),
        ("image/tiff", "TIFF image"),
        ("image/fits", "FITS image"),
        ("application/fits", "FITS file"),
        ("application/x-votable+xml", "VOTable"),
        ("application/x-tar", "Tar archive"),
        ("application/zip", "Zip archive"),
        ("application/x-hdf", "HDF file"),
        ("application/x-netcdf", "NetCDF file"),
        ("image/jp2", "JPEG 2000 image"),
        ("image/png", "PNG image"),
        ("image/jpeg", "JPEG image"),
        ("text/html", "Web page"),
        ("application/json", "JSON document"),
        ("application/octet-stream", "File"),
    ];

    /// <summary>What an access link leads to, from its format, or from its address when it names none.</summary>
    public static string Access(AccessLink link)
    {
        if (link.Format is { } format)
        {
            foreach (var (prefix, kind) in Formats)
            {
                if (format.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return kind;
                }
            }
            return "File (" + format + ")";
        }
        var path = Uri.TryCreate(link.Url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : link.Url;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            "" or ".html" or ".htm" or ".php" or ".jsp" or ".aspx" => "Web page",
            ".fits" or ".fit" or ".fz" => "FITS file",
            ".zip" => "Zip archive",
            ".tar" or ".tgz" or ".gz" => "Archive",
            ".pdf" => "PDF document",
            ".ipynb" => "Notebook",
            _ => "File (" + extension.TrimStart('.').ToUpper(CultureInfo.InvariantCulture) + ")",
        };
    }
}
