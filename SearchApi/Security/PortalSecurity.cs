using DiscoveryPortal.Indexer.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace DiscoveryPortal.SearchApi.Security;

/// <summary>
/// Who may write: people signed in on the portal (cookie) and scripts with an API key, under one policy
/// scheme that picks by what the request carries. API paths answer 401 and 403, never a login redirect.
/// </summary>
public static class PortalSecurity
{
    public const string Scheme = "Portal";
    public const string AssetsWrite = "assets-write";
    public const string SourcesWrite = "sources-write";
    public const string Administrator = "administrator";

    /// <summary>A person signed in on the portal (the session cookie), not a script with an API key: who makes and revokes keys.</summary>
    public const string SignedInPerson = "signed-in-person";

    /// <summary>Whether the request was signed in by the portal's session cookie.</summary>
    public static bool IsSignedInPerson(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };

    public static IServiceCollection AddPortalSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.AddSingleton<PortalUrls>();
        services.Configure<SignInOptions>(configuration.GetSection(SignInOptions.Section));
        services.AddSingleton<SignInGuard>();
        // Requests must name the portal: localhost, the loopback addresses, or the public URL's host
        // (unless AllowedHosts is configured, which an administrator may set to '*').
        services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o =>
        {
            var publicHost = PortalUrls.Parse((configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions()).PublicUrl).Host;
            var hosts = string.IsNullOrWhiteSpace(configuration["AllowedHosts"]) ? ["localhost", "127.0.0.1", "[::1]"] : o.AllowedHosts.ToList();
            if (!hosts.Contains("*") && !hosts.Contains(publicHost, StringComparer.OrdinalIgnoreCase))
            {
                hosts.Add(publicHost.Contains(':') && !publicHost.StartsWith('[') ? $"[{publicHost}]" : publicHost);
            }
            o.AllowedHosts = hosts;
        });
        // One key ring for every node, kept with the catalogue: cookies and antiforgery tokens are read on any node.
        services.AddDataProtection().SetApplicationName("DiscoveryPortal");
        services.AddSingleton<KeyRing>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>().Configure<KeyRing>((o, ring) => o.XmlRepository = ring);
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or portal cookie", o =>
                o.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.KeyOf(context.Request) is not null ? ApiKeyAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { })
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "portal-session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/login";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AssetsWrite, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator, Roles.Curator).RequireClaim(AccountPrincipal.ScopeClaim, Scopes.AssetsWrite))
            .AddPolicy(SourcesWrite, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator, Roles.Curator).RequireClaim(AccountPrincipal.ScopeClaim, Scopes.SourcesWrite))
            .AddPolicy(Administrator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator))
            // A key cannot make keys or revoke its maker's: a leaked key would otherwise outlive its own revocation.
            .AddPolicy(SignedInPerson, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsSignedInPerson(c.User)));
        return services;
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        // The framework builds the sign-in URL from the request's Host; the portal's public URL is used instead.
        context.Response.Redirect(context.HttpContext.RequestServices.GetRequiredService<PortalUrls>().Rebase(context.RedirectUri));
        return Task.CompletedTask;
    }
}
