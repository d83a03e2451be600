using DiscoveryPortal.Indexer.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DiscoveryPortal.SearchApi.Security;

/// <summary>Signs a person in and out of the portal with the session cookie; their role decides their scopes.</summary>
public static class PortalSignIn
{
    public static IReadOnlyList<string> ScopesOf(string role) => role is Roles.Administrator or Roles.Curator ? Scopes.All : [];

    public static Task SignInAsync(HttpContext context, Account account) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AccountPrincipal.From(account, ScopesOf(account.Role), CookieAuthenticationDefaults.AuthenticationScheme));

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}
