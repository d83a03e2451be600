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
public sealed class PortalUrls(IOptions<PortalOptions> options)
{
    private readonly Uri _base = Parse(options.Value.PublicUrl);

    public Uri Base => _base;

    /// <summary>The scheme, host and port of the public URL, as a browser writes it in an Origin header.</summary>
    public string Origin => _base.GetLeftPart(UriPartial.Authority);

    /// <summary>An absolute URL for a path of the portal (<c>/api/manifests/…</c>).</summary>
    public Uri For(string path) => new(_base, _base.AbsolutePath.TrimEnd('/') + "/" + path.TrimStart('/'));

    /// <summary>Whether an Origin names the portal: its public URL, or the address this request was sent to.</summary>
    public bool IsPortalOrigin(string origin, HttpRequest request) =>
        string.Equals(origin, Origin, StringComparison.OrdinalIgnoreCase)
        || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    private static Uri Parse(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? parsed
            : throw new OptionsValidationException(PortalOptions.Section, typeof(PortalOptions), [$"Portal:PublicUrl '{url}' is not an absolute http(s) URL"]);
}
