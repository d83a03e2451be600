using DiscoveryPortal.Connectors.Normalisation;

namespace DiscoveryPortal.Connectors.Records;

/// <summary>What a quicklook is to its source: a small picture for lists, a larger overview, or a preview product.</summary>
public enum QuicklookRole
{
    Thumbnail,
    Overview,
    Preview,
}

/// <summary>
/// A picture of the data that the source publishes beside it: a STAC <c>thumbnail</c> or <c>overview</c> asset, an
/// OpenSearch quicklook, an ObsCore preview, an image file of a Zenodo deposit. Pages show it only through the
/// portal's own route, which fetches it through the outbound guard; the URL never reaches the browser.
/// </summary>
public sealed record Quicklook(string Url, QuicklookRole Role, string? MediaType = null, long? SizeBytes = null)
{
    /// <summary>The picture types every browser shows and the portal serves; anything else (TIFF, JPEG 2000) is not a quicklook.</summary>
    public static IReadOnlyList<string> ImageTypes { get; } = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    public static bool IsImageType(string? mediaType) => mediaType is not null && ImageTypes.Contains(MediaTypes.Normalise(mediaType));

    /// <summary>
    /// A quicklook from what a source wrote, or null when the URL is not http(s) or the type, as given or as the file
    /// name says, is not one of <see cref="ImageTypes"/>. A URL that names no type (<c>.../thumb250</c>) is kept when
    /// the source says it is a picture, since the route checks the type the archive answers with.
    /// </summary>
    public static Quicklook? From(string? url, QuicklookRole role, string? mediaType = null, long? sizeBytes = null)
    {
        if (!RecordValidator.IsHttpUrl(url))
        {
            return null;
        }
        var type = MediaTypes.Normalise(mediaType) ?? MediaTypes.OfFileName(new Uri(url!).AbsolutePath);
        if (type is not null && !IsImageType(type))
        {
            return null;
        }
        return new Quicklook(url!, role, type, sizeBytes is > 0 ? sizeBytes : null);
    }
}
