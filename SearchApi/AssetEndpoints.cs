using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Curation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiscoveryPortal.SearchApi;

/// <summary><c>GET /api/assets/{id}</c>: one full record.</summary>
public static class AssetEndpoints
{
    public static IEndpointRouteBuilder MapAssetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/assets/{id}", GetAsset)
            .WithName("GetAsset")
            .WithTags("Assets")
            .WithSummary("One asset, every field")
            .WithDescription("The id is <source>:<native id>, URL-encoded.");
        return app;
    }

    public static async Task<Results<Ok<AssetResponse>, RedirectHttpResult, ProblemHttpResult>> GetAsset(string id, ICatalogStore catalog, CurationStore curations, CancellationToken ct)
    {
        var decoded = Uri.UnescapeDataString(id);
        if (string.IsNullOrWhiteSpace(decoded))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such asset.", detail: "id is blank; asset ids are <source>:<native id>.");
        }
        if (await curations.ByRegisteredIdAsync(decoded, ct) is { Moved: true } merged)
        {
            // A registration that became part of a harvested record's asset: that asset answers for it.
            return TypedResults.Redirect($"/api/assets/{Uri.EscapeDataString(merged.AssetId)}");
        }
        var stored = await catalog.GetAsync(decoded, ct);
        if (stored is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such asset.",
                detail: $"The catalogue holds no asset with id '{(decoded.Length > 200 ? decoded[..200] + "…" : decoded)}'.");
        }
        return TypedResults.Ok(new AssetResponse(stored.Record, stored.UpdatedAt, stored.WithdrawnAt, stored.NativeType, stored.Native is not null,
            FieldProvenance.Of(stored.Record, await curations.ByAssetIdAsync(stored.Record.Id, ct))));
    }
}
