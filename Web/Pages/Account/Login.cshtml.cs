using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Account;

/// <summary>Sign-in for archive teams and researchers with an account; the session is a cookie.</summary>
public sealed class LoginModel(AccountStore accounts) : PageModel
{
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string name, string password, CancellationToken ct)
    {
        var account = await accounts.SignInAsync(name ?? "", password ?? "", ct);
        if (account is null)
        {
            Error = "That name and password do not match an account.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await PortalSignIn.SignInAsync(HttpContext, account);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account");
    }

    public async Task<IActionResult> OnPostLogoutAsync()
    {
        await PortalSignIn.SignOutAsync(HttpContext);
        return LocalRedirect("/");
    }
}
