using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiscoveryPortal.SearchApi;

/// <summary>The body of <c>POST /api/account/keys</c>.</summary>
public sealed record NewKeyBody(string? Label, IReadOnlyList<string>? Scopes);

/// <summary>A new key: shown once, with the secret.</summary>
public sealed record NewKeyResponse(string Id, string Key, string Label, IReadOnlyList<string> Scopes);

/// <summary><c>/api/account/keys</c>: a signed-in account's API keys, made (shown once), listed and revoked.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/account/keys").RequireAuthorization().WithTags("Account");
        keys.MapPost("", Create).RequireAuthorization(PortalSecurity.SignedInPerson).WithName("CreateApiKey")
            .WithSummary("A new API key for this account, made by the person signed in (not by a key); its secret is shown in this answer only");
        keys.MapGet("", List).WithName("ListApiKeys").WithSummary("This account's keys, without their secrets");
        keys.MapDelete("{id}", Revoke).RequireAuthorization(PortalSecurity.SignedInPerson).WithName("RevokeApiKey")
            .WithSummary("Revoke one of this account's keys (the person signed in, not a key); it stops working at once");
        app.MapGet("/api/account/basket", Basket).RequireAuthorization().WithTags("Account").WithName("GetAccountBasket")
            .WithSummary("This account's basket (the same from every browser); use its id with /api/baskets/{id}");
        return app;
    }

    public static async Task<Results<Created<NewKeyResponse>, ProblemHttpResult>> Create(NewKeyBody body, HttpContext context, AccountService accounts, AuditLog audit, CancellationToken ct)
    {
        var account = context.User.Account()!;
        // A key never gets more than the credential that makes it.
        var scopes = body.Scopes ?? [Scopes.AssetsWrite];
        if (scopes.Any(s => !context.User.HasScope(s)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Scope not held.", detail: "A key can only be given scopes its maker holds.");
        }
        try
        {
            var (key, secret) = await accounts.CreateKeyAsync(account.Name, body.Label ?? "API key", scopes, ct);
            await audit.RecordAsync(account.Name, "create-key", "key:" + key.Id, null, key, ct);
            return TypedResults.Created("/api/account/keys", new NewKeyResponse(key.Id, secret, key.Label, key.Scopes));
        }
        catch (AccountException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No key made.", detail: e.Message);
        }
    }

    public static async Task<Ok<Indexer.Launch.Basket>> Basket(HttpContext context, Indexer.Launch.BasketService baskets, CancellationToken ct) =>
        TypedResults.Ok(await baskets.ForUserAsync(context.User.Account()!.Name, ct));

    public static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> List(HttpContext context, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(await accounts.KeysAsync(context.User.Account()!.Name, ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string id, HttpContext context, AccountService accounts, AuditLog audit, CancellationToken ct)
    {
        var account = context.User.Account()!;
        if (!await accounts.RevokeKeyAsync(account.Name, id, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such key.", detail: $"{account.Name} has no active key '{id}'.");
        }
        await audit.RecordAsync(account.Name, "revoke-key", "key:" + id, null, null, ct);
        return TypedResults.NoContent();
    }
}
