using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Launch;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Assets;

/// <summary>One asset: an overview a researcher reads first, then every field and its provenance.</summary>
public sealed class DetailsModel(ICatalogStore catalog, LaunchService launches, Indexer.Curation.ICurationStore curations) : PageModel
{
    public StoredAsset Asset { get; private set; } = null!;

    public IReadOnlyList<ToolOffer> Offers { get; private set; } = [];

    /// <summary>Whether the signed-in account may correct this record.</summary>
    public bool MayEdit { get; private set; }

    /// <summary>The id a correction goes to: the team's registration where there is one.</summary>
    public string EditId { get; private set; } = "";

    public bool JustSaved => Request.Query.ContainsKey("saved");

    /// <summary>Which fields an archive team registered and which came from the source.</summary>
    public SearchApi.FieldProvenance Provenance { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        // Binding turns a blank id (/assets/%20) into none.
        if (string.IsNullOrWhiteSpace(id))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            ViewData["MissingId"] = "";
            return Page();
        }
        if (await curations.ByRegisteredIdAsync(Uri.UnescapeDataString(id), ct) is { Moved: true } merged)
        {
            return LocalRedirect($"/assets/{Uri.EscapeDataString(merged.AssetId)}{Request.QueryString}");
        }
        var stored = await catalog.GetAsync(Uri.UnescapeDataString(id), ct);
        if (stored is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            ViewData["MissingId"] = Uri.UnescapeDataString(id);
            return Page();
        }
        Asset = stored;
        var curated = await curations.ByAssetIdAsync(stored.Record.Id, ct);
        Provenance = SearchApi.FieldProvenance.Of(stored.Record, curated);
        MayEdit = User.HasClaim(SearchApi.Security.AccountPrincipal.ScopeClaim, Indexer.Accounts.Scopes.AssetsWrite)
            && SearchApi.Security.AccountPrincipal.Account(User) is { } me
            && (me.MayChange(stored.Record.SourceId, stored.Record.Mission) || (curated is not null && me.MayChange(curated.RegisteredSourceId, stored.Record.Mission)));
        EditId = curated?.RegisteredId ?? stored.Record.Id;
        if (stored.WithdrawnAt is null)
        {
            Offers = await launches.ToolsForAsync([stored.Record.Id], ct);
        }
        return Page();
    }

    public static string SearchLink(string dimension, string value) => $"/search?{dimension}={Uri.EscapeDataString(value)}";
}
