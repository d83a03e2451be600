namespace DiscoveryPortal.SearchApi.Security;

/// <summary>
/// Headers every answer carries, pages, API, files and errors alike: a content security policy that lets
/// the pages run only the portal's own scripts and styles (and reach the local SAMP hub), and that no other
/// site may frame; no MIME sniffing; no full URLs in Referer to other sites; no framing at all.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The SAMP Web Profile hub the pages' script talks to on the researcher's own computer.</summary>
    public const string SampHub = "http://localhost:21012 http://127.0.0.1:21012";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; " +
        $"connect-src 'self' {SampHub}; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page (Scalar) starts from an inline script under a fresh nonce and styles itself
    /// inline: that page alone gets the nonce and inline styles, still no other site's script.
    /// </summary>
    public static string ContentSecurityPolicyWithNonce(string nonce) =>
        ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
            .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items[Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey] is string nonce
                ? ContentSecurityPolicyWithNonce(nonce)
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        await next(context);
    });
}
