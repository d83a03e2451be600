using System.Security.Claims;
using DiscoveryPortal.Indexer.Accounts;

namespace DiscoveryPortal.SearchApi.Security;

/// <summary>Carries an account (and the scopes it acts with) in a ClaimsPrincipal, and back.</summary>
public static class AccountPrincipal
{
    public const string SourceClaim = "portal:source";
    public const string MissionClaim = "portal:mission";
    public const string ScopeClaim = "portal:scope";

    public static ClaimsPrincipal From(Account account, IReadOnlyList<string> scopes, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, account.Name), new(ClaimTypes.Role, account.Role) };
        claims.AddRange(account.Sources.Select(s => new Claim(SourceClaim, s)));
        claims.AddRange(account.Missions.Select(m => new Claim(MissionClaim, m)));
        claims.AddRange(scopes.Select(s => new Claim(ScopeClaim, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static Account? Account(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.Identity.Name is { } name
            ? new Account(name, user.FindFirstValue(ClaimTypes.Role) ?? Roles.Researcher,
                user.FindAll(SourceClaim).Select(c => c.Value).ToList(), user.FindAll(MissionClaim).Select(c => c.Value).ToList())
            : null;

    public static bool HasScope(this ClaimsPrincipal user, string scope) => user.HasClaim(ScopeClaim, scope);
}
