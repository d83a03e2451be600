using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Launch;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Basket;

/// <summary>
/// This browser's basket: what the researcher gathered from results and asset pages, across sources
/// and missions; exports, and "Open with" for all of it. The basket id lives in a cookie.
/// </summary>
public sealed class IndexModel(BasketService baskets, CurrentBasket current, ICatalogStore catalog, LaunchService launches) : PageModel
{
    public const string BasketCookie = CurrentBasket.Cookie;

    /// <summary>Said once, on the page the browser returns to after an add.</summary>
    public const string AddedNotice = "basket-added";

    public Indexer.Launch.Basket? Basket { get; private set; }
    public IReadOnlyList<AssetRecord> Records { get; private set; } = [];
    public IReadOnlyList<ToolOffer> Offers { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Basket = await CurrentAsync(ct);
        if (Basket is null || Basket.AssetIds.Count == 0)
        {
            return;
        }
        var records = new List<AssetRecord>();
        foreach (var id in Basket.AssetIds)
        {
            if ((await catalog.GetAsync(id, ct))?.Record is { } record)
            {
                records.Add(record);
            }
        }
        Records = records;
        try
        {
            Offers = await launches.ToolsForAsync(Basket.AssetIds, ct);
        }
        catch (LaunchRefusedException e)
        {
            Problem = e.Message; // a record of the basket was withdrawn since it was added
        }
    }

    public async Task<IActionResult> OnPostAddAsync(string assetId, string? returnUrl, CancellationToken ct)
    {
        var basket = await CurrentAsync(ct) ?? await NewAsync(ct);
        try
        {
            var after = await baskets.AddAsync(basket.Id, [assetId], ct);
            var title = (await catalog.GetAsync(assetId, ct))?.Record.Title ?? assetId;
            TempData[AddedNotice] = $"Added “{title}” to your basket ({after.AssetIds.Count} in it).";
        }
        catch (BasketException e)
        {
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await OnGetAsync(ct);
            return Page();
        }
        // Back to where the researcher was: the hit itself on a results page, not the top of it.
        if (!Url.IsLocalUrl(returnUrl))
        {
            return LocalRedirect("/basket");
        }
        return LocalRedirect(returnUrl!.Contains('#') ? returnUrl : returnUrl + "#" + CurrentBasket.Anchor(assetId));
    }

    public async Task<IActionResult> OnPostRemoveAsync(string assetId, CancellationToken ct)
    {
        if (await CurrentAsync(ct) is { } basket)
        {
            await baskets.RemoveAsync(basket.Id, [assetId], ct);
        }
        return LocalRedirect("/basket");
    }

    private Task<Indexer.Launch.Basket?> CurrentAsync(CancellationToken ct) => current.ForAsync(HttpContext, ct);

    private async Task<Indexer.Launch.Basket> NewAsync(CancellationToken ct)
    {
        var basket = await baskets.CreateAsync(ct);
        Response.Cookies.Append(BasketCookie, basket.Id, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365), Secure = Request.IsHttps });
        return basket;
    }
}
