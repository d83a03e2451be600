namespace DiscoveryPortal.SearchApi.Security;

/// <summary>
/// Refuses cross-site writes to the API. A browser sends the portal's cookies (the session, the visitor,
/// the basket) with any request to the portal's host, even from a page on another port of it (cookies do
/// not know ports), so a POST, PUT, PATCH or DELETE under <c>/api</c> that carries cookies and no API key
/// must say it comes from the portal: its <c>Origin</c> (or, without one, its <c>Referer</c>) is the portal's
/// public URL or the address the request was sent to. Calls with an API key, and calls with no cookies
/// at all, carry no ambient credentials and are not affected; page forms have antiforgery tokens.
/// </summary>
public static class CrossSiteWrites
{
    public static IApplicationBuilder UseCrossSiteWriteCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Refusal(context) is { } why)
        {
            await ErrorProblems.RefuseAsync(context, StatusCodes.Status403Forbidden, "Cross-site write refused.", why);
            return;
        }
        await next(context);
    });

    /// <summary>Why this request may not write, or null when it may.</summary>
    public static string? Refusal(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || !request.Path.StartsWithSegments("/api") || request.Cookies.Count == 0 || ApiKeyAuthenticationHandler.KeyOf(request) is not null)
        {
            return null;
        }
        var claimed = request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin
            : Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer) ? referer.GetLeftPart(UriPartial.Authority)
            : null;
        if (claimed is null)
        {
            return "A write sent with the portal's cookies must come from a portal page (with an Origin or Referer header), or use an API key.";
        }
        var portal = context.RequestServices.GetRequiredService<PortalUrls>();
        return portal.IsPortalOrigin(claimed, request)
            ? null
            : $"A write sent with the portal's cookies came from {Shorten(claimed)}, not from the portal ({portal.Origin}); use the portal's pages, or an API key.";
    }

    private static string Shorten(string s) => s.Length <= 100 ? s : s[..100] + "…";
}
