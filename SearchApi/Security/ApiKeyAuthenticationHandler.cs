using System.Text.Encodings.Web;
using DiscoveryPortal.Indexer.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.SearchApi.Security;

/// <summary>
/// Signs in scripts by API key: <c>Authorization: Bearer dpk_...</c> or <c>X-Api-Key: dpk_...</c>. A wrong,
/// unknown or revoked key fails the request (401) rather than falling back to anonymous.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The key a request presents, if any.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var header) && header.ToString() is { Length: > 0 } key)
        {
            return key.Trim();
        }
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer " + AccountService.KeyPrefix, StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyOf(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }
        if (await accounts.AuthenticateKeyAsync(key, Context.RequestAborted) is not { } found)
        {
            return AuthenticateResult.Fail("the API key is unknown, wrong or revoked");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(AccountPrincipal.From(found.Account, found.Scopes, SchemeName), SchemeName));
    }
}
