using DiscoveryPortal.Indexer.Launch;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiscoveryPortal.SearchApi;

/// <summary>The body of <c>POST /api/launches</c>. <c>user</c> is refused: a launch runs as its owner (<see cref="LaunchOwner"/>).</summary>
public sealed record LaunchBody(string? ToolId, string? FacilityId, IReadOnlyList<string>? AssetIds, string? BasketId, string? User);

/// <summary>The answer to a launch: where to open the session, the manifest, and the launch's id in the history.</summary>
public sealed record LaunchResponse(string LaunchId, string Status, string User, string? OpenUrl, string ManifestUrl, long? ReadyMs, IReadOnlyList<SampMessage> Samp, string? Error);

/// <summary>
/// <c>GET /api/assets/{id}/tools</c>, <c>POST /api/launches</c>, <c>GET /api/manifests/{id}</c> and
/// <c>GET /api/launches</c>: which tools open what, on which facility, and launching them with the data attached.
/// </summary>
public static class LaunchEndpoints
{
    public static IEndpointRouteBuilder MapLaunchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/assets/{id}/tools", ToolsForAsset).RequireCors(Security.ReadOnlyCors.Policy).WithName("GetAssetTools").WithTags("Launch")
            .WithSummary("The tools that open an asset, with the facilities that can run them, best first, and why");
        app.MapPost("/api/launches", Launch).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithName("Launch").WithTags("Launch")
            .WithSummary("Freeze a selection into a data manifest and launch a tool on a facility with it attached");
        app.MapGet("/api/manifests/{id}", GetManifest).WithName("GetManifest").WithTags("Launch")
            .WithSummary("A data manifest: the records and files of a launch, by its unguessable id");
        app.MapGet("/api/launches", History).WithName("GetLaunches").WithTags("Launch")
            .WithSummary("The caller's own launches (the signed-in account's, or this browser's), newest first (of one manifest with ?manifest=)");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ToolOffer>>, ProblemHttpResult>> ToolsForAsset(string id, LaunchService launches, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await launches.ToolsForAsync([Uri.UnescapeDataString(id)], ct));
        }
        catch (LaunchRefusedException e)
        {
            return Refused(e);
        }
    }

    public static async Task<Results<Created<LaunchResponse>, ProblemHttpResult>> Launch(LaunchBody body, LaunchService launches, BasketService baskets, Security.PortalUrls portal,
        HttpContext context, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.ToolId) || string.IsNullOrWhiteSpace(body.FacilityId) || (body.AssetIds is null) == (body.BasketId is null))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Incomplete launch.",
                detail: "A launch needs toolId, facilityId, and either assetIds or basketId.");
        }
        var assetIds = body.AssetIds;
        if (body.BasketId is { } basketId)
        {
            if (await baskets.GetAsync(basketId, ct) is not { } basket)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such basket.", detail: "Basket ids are given out when a basket is made.");
            }
            assetIds = basket.AssetIds;
        }
        if (body.User is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "user is not taken from the body.",
                detail: "A launch runs as the signed-in account, or else as this browser's visitor; leave user out.");
        }
        var user = LaunchOwner.Of(context);
        try
        {
            var outcome = await launches.LaunchAsync(new LaunchRequest(body.ToolId, body.FacilityId, assetIds!, user), portal.ManifestUrl, ct);
            var response = new LaunchResponse(outcome.Launch.Id, outcome.Launch.Status, user, outcome.OpenUrl?.ToString(), portal.ManifestUrl(outcome.Manifest.Id).ToString(),
                outcome.Launch.ReadyMs, outcome.Samp, outcome.Launch.Error);
            if (outcome.Launch.Status == "failed")
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The facility did not start the session.",
                    detail: outcome.Launch.Error, extensions: new Dictionary<string, object?> { ["launchId"] = response.LaunchId, ["manifestUrl"] = response.ManifestUrl });
            }
            return TypedResults.Created($"/api/launches?manifest={outcome.Manifest.Id}", response);
        }
        catch (LaunchRefusedException e)
        {
            return Refused(e);
        }
    }

    public static async Task<Results<Ok<DataManifest>, ProblemHttpResult>> GetManifest(string id, ILaunchStore store, CancellationToken ct) =>
        await store.GetManifestAsync(id, ct) is { } manifest
            ? TypedResults.Ok(manifest)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such manifest.", detail: "Manifest ids are given out by launches.");

    public static async Task<Ok<IReadOnlyList<LaunchRecord>>> History(ILaunchStore store, string? manifest, HttpContext context, CancellationToken ct) =>
        TypedResults.Ok(LaunchOwner.Known(context) is { } owner ? await store.HistoryAsync(owner, manifest, 100, ct) : []);

    private static ProblemHttpResult Refused(LaunchRefusedException e) =>
        TypedResults.Problem(statusCode: e.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity, title: "The launch cannot be made.", detail: e.Message);
}
