using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
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
        app.MapPost("/api/assets", Register).RequireAuthorization(PortalSecurity.AssetsWrite).WithName("RegisterAsset").WithTags("Curation")
            .WithSummary("Register a record (its id is <source>:<native id>)");
        app.MapPut("/api/assets/{id}", Replace).RequireAuthorization(PortalSecurity.AssetsWrite).WithName("ReplaceAsset").WithTags("Curation")
            .WithSummary("Replace a record with a corrected one");
        app.MapDelete("/api/assets/{id}", Withdraw).RequireAuthorization(PortalSecurity.AssetsWrite).WithName("WithdrawAsset").WithTags("Curation")
            .WithSummary("Withdraw a record: out of search, kept for the record");
        app.MapGet("/api/audit", Audit).RequireAuthorization(PortalSecurity.Administrator).WithName("GetAudit").WithTags("Curation")
            .WithSummary("The latest changes, newest first (of one record with ?target=)");
        return app;
    }

    public static async Task<Results<Created<AssetRecord>, ProblemHttpResult>> Register(AssetRecord record, HttpContext context, ICatalogStore catalog, IngestionPipeline pipeline, AuditLog audit, CancellationToken ct)
    {
        var account = context.User.Account()!;
        if (!account.MayChange(record.SourceId, record.Mission))
        {
            return Forbidden(account, record);
        }
        if (await catalog.GetAsync(record.Id, ct) is { WithdrawnAt: null })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The record exists.", detail: $"'{record.Id}' is in the catalogue already; PUT /api/assets/{{id}} replaces it.");
        }
        var report = await pipeline.IngestAsync([new CatalogEntry(record with { HarvestedAt = DateTimeOffset.UtcNow })], ct);
        if (report.Problems.Count > 0)
        {
            return Invalid(report);
        }
        var stored = (await catalog.GetAsync(record.Id, ct))!.Record;
        await audit.RecordAsync(account.Name, "register", record.Id, null, stored, ct);
        return TypedResults.Created($"/api/assets/{Uri.EscapeDataString(record.Id)}", stored);
    }

    public static async Task<Results<Ok<AssetRecord>, ProblemHttpResult>> Replace(string id, AssetRecord record, HttpContext context, ICatalogStore catalog, IngestionPipeline pipeline, AuditLog audit, CancellationToken ct)
    {
        var account = context.User.Account()!;
        id = Uri.UnescapeDataString(id);
        if (record.Id != id)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The ids differ.", detail: $"The path names '{id}', the body '{record.Id}'.");
        }
        if (await catalog.GetAsync(id, ct) is not { } before)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such asset.", detail: $"'{id}' is not in the catalogue; POST /api/assets registers it.");
        }
        if (!account.MayChange(before.Record.SourceId, before.Record.Mission))
        {
            return Forbidden(account, before.Record);
        }
        if (!account.MayChange(record.SourceId, record.Mission))
        {
            return Forbidden(account, record);
        }
        var report = await pipeline.IngestAsync([new CatalogEntry(record with { HarvestedAt = before.Record.HarvestedAt })], ct);
        if (report.Problems.Count > 0)
        {
            return Invalid(report);
        }
        var after = (await catalog.GetAsync(id, ct))!.Record;
        await audit.RecordAsync(account.Name, "replace", id, before.Record, after, ct);
        return TypedResults.Ok(after);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(string id, HttpContext context, ICatalogStore catalog, IngestionPipeline pipeline, AuditLog audit, CancellationToken ct)
    {
        var account = context.User.Account()!;
        id = Uri.UnescapeDataString(id);
        if (await catalog.GetAsync(id, ct) is not { WithdrawnAt: null } before)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such asset.", detail: $"'{id}' is not in the catalogue, or is withdrawn already.");
        }
        if (!account.MayChange(before.Record.SourceId, before.Record.Mission))
        {
            return Forbidden(account, before.Record);
        }
        await pipeline.WithdrawAsync([id], ct);
        await audit.RecordAsync(account.Name, "withdraw", id, before.Record, null, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<AuditEntry>>> Audit(AuditLog audit, string? target, CancellationToken ct) =>
        TypedResults.Ok(await audit.RecentAsync(target, 200, ct));

    private static ProblemHttpResult Forbidden(Account account, AssetRecord record) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to change.",
            detail: $"{account.Name} curates {(account.Sources.Count + account.Missions.Count == 0 ? "nothing" : string.Join(", ", account.Sources.Concat(account.Missions)))}; '{record.Id}' is of source {record.SourceId}{(record.Mission is null ? "" : $", mission {record.Mission}")}.");

    private static ProblemHttpResult Invalid(IngestReport report) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The record is not valid.",
            detail: string.Join("; ", report.Problems.SelectMany(p => p.Problems).Select(p => $"{p.Field} {p.Reason}")),
            extensions: new Dictionary<string, object?> { ["problems"] = report.Problems.SelectMany(p => p.Problems).ToList() });
}
