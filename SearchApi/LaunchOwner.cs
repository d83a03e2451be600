using System.Security.Cryptography;
using DiscoveryPortal.SearchApi.Security;

namespace DiscoveryPortal.SearchApi;

/// <summary>
/// Who a launch is for, the same on the API and the pages: the signed-in account, or else this browser's
/// visitor (a random name kept in an HttpOnly cookie, as a browser keeps its basket). That name is the
/// facility user a session runs as and the owner of the launch history; it never comes from a request body.
/// </summary>
public static class LaunchOwner
{
    /// <summary>The cookie that names this browser's visitor.</summary>
    public const string VisitorCookie = "portal-visitor";

    /// <summary>The owner of this request's launches, giving the browser a visitor name if it has none yet.</summary>
    public static string Of(HttpContext context) => Known(context) ?? NewVisitor(context);

    /// <summary>The owner of this request's launches if it has one yet: an account, or a visitor cookie.</summary>
    public static string? Known(HttpContext context)
    {
        if (context.User.Account() is { } account)
        {
            return account.Name;
        }
        return context.Request.Cookies.TryGetValue(VisitorCookie, out var known) && IsVisitorId(known) ? "v" + known : null;
    }

    private static bool IsVisitorId(string id) => id.Length == 12 && id.All(char.IsAsciiHexDigitLower);

    private static string NewVisitor(HttpContext context)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        context.Response.Cookies.Append(VisitorCookie, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
            Secure = context.Request.IsHttps,
        });
        return "v" + id;
    }
}
