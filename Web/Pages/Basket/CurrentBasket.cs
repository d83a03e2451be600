using DiscoveryPortal.Indexer.Launch;

namespace DiscoveryPortal.Web.Pages.Basket;

/// <summary>
/// Whose basket a request sees: a signed-in account's own (the same in every browser), otherwise the
/// one this browser's cookie names. The basket page and the header's count read it here.
/// </summary>
public sealed class CurrentBasket(BasketService baskets)
{
    public const string Cookie = "portal-basket";

    public async Task<Indexer.Launch.Basket?> ForAsync(HttpContext context, CancellationToken ct)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.Identity.Name is { } user)
        {
            return await baskets.ForUserAsync(user, ct);
        }
        return context.Request.Cookies.TryGetValue(Cookie, out var id) && id.Length is > 0 and < 64 ? await baskets.GetAsync(id, ct) : null;
    }

    /// <summary>Where a hit stands on a results page, so adding it returns the browser to it rather than to the top.</summary>
    public static string Anchor(string assetId) =>
        "hit-" + string.Concat(assetId.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
}
