using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.SearchApi.Quicklooks;

namespace DiscoveryPortal.Web.Pages;

/// <summary>
/// A record's quicklook as a page shows it: the portal's own route (never the archive's URL) in a square box whose
/// size is fixed before the picture arrives, so nothing moves when it loads.
/// </summary>
public sealed record QuicklookPicture(string Path, string Title, int Size, string Class)
{
    /// <summary>The box on a result: small, beside the hit's text.</summary>
    public static QuicklookPicture? OnHit(string title, string? path) =>
        path is null ? null : new(path, title, 96, "quicklook hit-quicklook");

    /// <summary>The box on an asset page; none for a record without a quicklook or a withdrawn one, whose route answers 404.</summary>
    public static QuicklookPicture? OnAsset(AssetRecord record, bool withdrawn) =>
        record.Quicklook is null || withdrawn ? null : new(QuicklookEndpoints.PathOf(record.Id), record.Title, 256, "quicklook asset-quicklook");
}
