using Microsoft.Extensions.Options;

namespace DiscoveryPortal.SearchApi.Security;

/// <summary>Section <c>Portal</c>: where the portal is reached from outside.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The portal's public base URL; every URL handed outside (manifests for hubs, sign-in redirects) is built on it.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";
}

/// <summary>
/// The portal's public address, the one place external URLs are built: never from the request's Host
/// header, which the caller chooses.
/// </summary>
public sealed class PortalUrls(IOptionsMonitor<PortalOptions> options)
{
    private (string Text, Uri Parsed)? _last;

    /// <summary>The public URL, read from configuration as it is now (a host on a port chosen at start can set it then).</summary>
    public Uri Base
    {
        get
        {
            var text = options.CurrentValue.PublicUrl;
            if (_last is not { } last || last.Text != text)
            {
                _last = last = (text, Parse(text));
            }
            return last.Parsed;
        }
    }

    /// <summary>The scheme, host and port of the public URL, as a browser writes it in an Origin header.</summary>
    public string Origin => Base.GetLeftPart(UriPartial.Authority);

    /// <summary>An absolute URL for a path of the portal (<c>/api/manifests/…</c>).</summary>
    public Uri For(string path) => new(Base, Base.AbsolutePath.TrimEnd('/') + "/" + path.TrimStart('/'));

    /// <summary>The public URL of an asset's page, as feeds, sitemaps, harvesters and structured data name it.</summary>
    public Uri AssetPage(string assetId) => For($"/assets/{Uri.EscapeDataString(assetId)}");

    /// <summary>The public URL of a data manifest, as hubs and tools fetch it.</summary>
    public Uri ManifestUrl(string manifestId) => For($"/api/manifests/{Uri.EscapeDataString(manifestId)}");

    /// <summary>A redirect the framework built from the request's Host, moved onto the public URL.</summary>
    public string Rebase(string redirect) =>
        Uri.TryCreate(redirect, UriKind.Absolute, out var absolute) ? For(absolute.PathAndQuery).ToString() : For(redirect).ToString();

    /// <summary>Whether an Origin names the portal: its public URL, or the address this request was sent to.</summary>
    public bool IsPortalOrigin(string origin, HttpRequest request) =>
        string.Equals(origin, Origin, StringComparison.OrdinalIgnoreCase)
        || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    public static Uri Parse(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? parsed
            : throw new OptionsValidationException(PortalOptions.Section, typeof(PortalOptions), [$"Portal:PublicUrl '{url}' is not an absolute http(s) URL"]);
}
