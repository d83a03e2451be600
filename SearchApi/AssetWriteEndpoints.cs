using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Curation;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiscoveryPortal.SearchApi;

/// <summary>
/// <c>POST /api/assets</c>, <c>PUT /api/assets/{id}</c> and <c>DELETE /api/assets/{id}</c> (withdraw, kept
/// for the record): archive teams register and curate records. Anonymous callers get 401; callers whose
/// sources and missions do not cover the record get 403; every change is in the audit log, before and after.
/// A committed record is in search as soon as the call returns.
/// </summary>
public static class AssetWriteEndpoints
{
    public static IEndpointRouteBuilder MapAssetWriteEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/assets", Register).RequireAuthorization(PortalSecurity.AssetsWrite).ProducesProblem(StatusCodes.Status409Conflict).WithName("RegisterAsset").WithTags("Curation")
            .WithSummary("Register a record (its id is <source>:<native id>)");
        app.MapPut("/api/assets/{id}", Replace).RequireAuthorization(PortalSecurity.AssetsWrite).ProducesProblem(StatusCodes.Status409Conflict).WithName("ReplaceAsset").WithTags("Curation")
            .WithSummary("Replace a record with a corrected one");
        app.MapDelete("/api/assets/{id}", Withdraw).RequireAuthorization(PortalSecurity.AssetsWrite).ProducesProblem(StatusCodes.Status409Conflict).WithName("WithdrawAsset").WithTags("Curation")
            .WithSummary("Withdraw a record: out of search, kept for the record");
        app.MapGet("/api/audit", Audit).RequireAuthorization(PortalSecurity.Administrator).WithName("GetAudit").WithTags("Curation")
            .WithSummary("The latest changes, newest first (of one record with ?target=)");
        return app;
    }

    public static async Task<Results<Created<AssetRecord>, ProblemHttpResult>> Register(AssetRecord record, HttpContext context, RecordCuration curation, CancellationToken ct)
    {
        var result = await curation.RegisterAsync(record, context.User.Account()!, ct);
        return result.Outcome == CurationOutcome.Done
            ? TypedResults.Created($"/api/assets/{Uri.EscapeDataString(result.Record!.Id)}", result.Record)
            : Problem(result);
    }

    public static async Task<Results<Ok<AssetRecord>, ProblemHttpResult>> Replace(string id, AssetRecord record, HttpContext context, RecordCuration curation, CancellationToken ct)
    {
        var result = await curation.ReplaceAsync(Uri.UnescapeDataString(id), record, context.User.Account()!, ct);
        return result.Outcome == CurationOutcome.Done ? TypedResults.Ok(result.Record!) : Problem(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(string id, HttpContext context, RecordCuration curation, CancellationToken ct)
    {
        var result = await curation.WithdrawAsync(Uri.UnescapeDataString(id), context.User.Account()!, ct);
        return result.Outcome == CurationOutcome.Done ? TypedResults.NoContent() : Problem(result);
    }

    public static async Task<Ok<IReadOnlyList<AuditEntry>>> Audit(AuditLog audit, string? target, CancellationToken ct) =>
        TypedResults.Ok(await audit.RecentAsync(target, 200, ct));

    private static ProblemHttpResult Problem(CurationResult result) => result.Outcome switch
    {
        CurationOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to change.", detail: result.Message),
        CurationOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The record exists.", detail: result.Message),
        CurationOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such asset.", detail: result.Message),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The record is not valid.", detail: result.Message,
            extensions: new Dictionary<string, object?> { ["problems"] = result.Problems }),
    };
}
