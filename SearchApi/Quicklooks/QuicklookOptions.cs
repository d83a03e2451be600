using System.ComponentModel.DataAnnotations;

namespace DiscoveryPortal.SearchApi.Quicklooks;

/// <summary>Section "Quicklooks": how the portal fetches a record's picture from its archive for <c>/quicklooks/{id}</c>.</summary>
public sealed class QuicklookOptions
{
    public const string Section = "Quicklooks";

    /// <summary>The largest picture fetched; a larger one is refused rather than cut (5 MB).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How long the archive has to answer, whole picture included (10 s).</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long browsers, and the portal's own memory, keep a fetched picture (one day).</summary>
    [Range(0, 30 * 24 * 3600)]
    public int CacheSeconds { get; set; } = 24 * 3600;

    /// <summary>How many bytes of pictures the portal keeps in memory, so a popular hit is not fetched per view (64 MB).</summary>
    [Range(0, 1024L * 1024 * 1024)]
    public long CacheBytes { get; set; } = 64L * 1024 * 1024;
}
