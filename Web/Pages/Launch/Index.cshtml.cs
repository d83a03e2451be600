using DiscoveryPortal.Indexer.Launch;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Launch;

/// <summary>
/// <c>POST /launch</c> from an "Open with" button: freezes the selection, launches, and sends the browser
/// to the running session; when the facility fails, explains why and offers a retry with the kept manifest.
/// </summary>
public sealed class IndexModel(LaunchService launches, ILaunchStore store, BasketService baskets, SearchApi.Security.PortalUrls portal) : PageModel
{
    public string? Error { get; private set; }
    public string? ManifestUrl { get; private set; }
    public string ToolId { get; private set; } = "";
    public string FacilityId { get; private set; } = "";
    public IReadOnlyList<string> AssetIds { get; private set; } = [];
    public IReadOnlyList<LaunchRecord> History { get; private set; } = [];

    public IActionResult OnGet() => Redirect("/search");

    public string? BasketId { get; private set; }

    public async Task<IActionResult> OnPostAsync(string toolId, string facilityId, string[] assetIds, string? basketId, CancellationToken ct)
    {
        (ToolId, FacilityId, AssetIds, BasketId) = (toolId, facilityId, assetIds, basketId);
        if (basketId is not null)
        {
            assetIds = (await baskets.GetAsync(basketId, ct))?.AssetIds.ToArray() ?? [];
        }
        try
        {
            var outcome = await launches.LaunchAsync(new LaunchRequest(toolId, facilityId, assetIds, SearchApi.LaunchOwner.Of(HttpContext)), portal.ManifestUrl, ct);
            ManifestUrl = portal.ManifestUrl(outcome.Manifest.Id).ToString();
            if (outcome.OpenUrl is { } open)
            {
                return Redirect(open.ToString());
            }
            Error = outcome.Launch.Error ?? "The facility gave no address to open.";
            History = await store.HistoryAsync(outcome.Launch.User ?? "", outcome.Manifest.Id, 20, ct);
            Response.StatusCode = StatusCodes.Status502BadGateway;
        }
        catch (LaunchRefusedException e)
        {
            Error = e.Message;
            Response.StatusCode = e.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

}
