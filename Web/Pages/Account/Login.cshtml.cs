using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Account;

/// <summary>Sign-in for archive teams and researchers with an account; the session is a cookie. Guessing is throttled (<see cref="SignInGuard"/>).</summary>
public sealed class LoginModel(AccountService accounts, SignInGuard guard, TimeProvider clock) : PageModel
{
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string name, string password, CancellationToken ct)
    {
        name ??= "";
        var address = HttpContext.Connection.RemoteIpAddress;
        if (guard.LockedUntil(name, address) is { } until)
        {
            return Locked(until);
        }
        var account = await accounts.SignInAsync(name, password ?? "", ct);
        if (account is null)
        {
            await guard.FailedAsync(name, address, ct);
            if (guard.LockedUntil(name, address) is { } now)
            {
                return Locked(now);
            }
            Error = "That name and password do not match an account.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        guard.Succeeded(name);
        await PortalSignIn.SignInAsync(HttpContext, account);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account");
    }

    private PageResult Locked(DateTimeOffset until)
    {
        var wait = until - clock.GetUtcNow();
        Error = $"Too many failed sign-ins; try again after {until:HH:mm} UTC.";
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostLogoutAsync()
    {
        await PortalSignIn.SignOutAsync(HttpContext);
        return LocalRedirect("/");
    }
}
