using System.Security.Cryptography;
using System.Text.Json;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Curation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DiscoveryPortal.SearchApi;

/// <summary><c>GET /api/assets/{id}</c>: one full record, with validators so clients and caches can ask whether it changed.</summary>
public static class AssetEndpoints
{
    public static IEndpointRouteBuilder MapAssetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/assets/{id}", GetAsset)
            .RequireCors(Security.ReadOnlyCors.Policy)
            .Produces(StatusCodes.Status304NotModified)
            .WithName("GetAsset")
            .WithTags("Assets")
            .WithSummary("One asset, every field")
            .WithDescription("The id is <source>:<native id>, URL-encoded.");
        return app;
    }

    // The asset with an ETag (a hash of the answer) and Last-Modified (the latest change to the record, its registration
    // or its withdrawal); a request whose If-None-Match or If-Modified-Since still holds gets 304.
    public static async Task<Results<Ok<AssetResponse>, StatusCodeHttpResult, RedirectHttpResult, ProblemHttpResult>> GetAsset(string id, HttpContext http, ICatalogStore catalog,
        ICurationStore curations, IOptions<JsonOptions> json, CancellationToken ct)
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
        var curated = await curations.ByAssetIdAsync(stored.Record.Id, ct);
        var answer = new AssetResponse(stored.Record, stored.UpdatedAt, stored.WithdrawnAt, stored.NativeType, stored.Native is not null, FieldProvenance.Of(stored.Record, curated));

        var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(answer, json.Value.SerializerOptions)))[..32] + "\"");
        var changed = new[] { stored.UpdatedAt, curated?.UpdatedAt ?? DateTimeOffset.MinValue, stored.WithdrawnAt ?? DateTimeOffset.MinValue }.Max();
        var modified = new DateTimeOffset(changed.UtcTicks - (changed.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero); // HTTP dates hold whole seconds
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = tag;
        headers.LastModified = modified;
        var asked = http.Request.GetTypedHeaders();
        var unchanged = asked.IfNoneMatch is { Count: > 0 } tags
            ? tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false))
            : asked.IfModifiedSince is { } since && modified <= since;
        return unchanged ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(answer);
    }
}
