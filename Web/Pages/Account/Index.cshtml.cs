using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Account;

/// <summary>The signed-in account: what it may change, and its API keys (a new key's secret is shown once). A person's page: a key does not open it.</summary>
[Authorize(Policy = PortalSecurity.SignedInPerson)]
public sealed class IndexModel(AccountService accounts, AuditLog audit) : PageModel
{
    public Indexer.Accounts.Account Me { get; private set; } = null!;
    public IReadOnlyList<ApiKeyInfo> Keys { get; private set; } = [];
    public string? NewSecret { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Me = User.Account()!;
        Keys = await accounts.KeysAsync(Me.Name, ct);
    }

    public async Task<IActionResult> OnPostCreateKeyAsync(string? label, CancellationToken ct)
    {
        Me = User.Account()!;
        var scopes = PortalSignIn.ScopesOf(Me.Role);
        if (scopes.Count == 0)
        {
            Error = "A researcher account reads only; it has no use for an API key that writes.";
        }
        else
        {
            var (key, secret) = await accounts.CreateKeyAsync(Me.Name, string.IsNullOrWhiteSpace(label) ? "API key" : label.Trim(), scopes, ct);
            await audit.RecordAsync(Me.Name, "create-key", "key:" + key.Id, null, key, ct);
            NewSecret = secret;
        }
        Keys = await accounts.KeysAsync(Me.Name, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id, CancellationToken ct)
    {
        Me = User.Account()!;
        if (await accounts.RevokeKeyAsync(Me.Name, id, ct))
        {
            await audit.RecordAsync(Me.Name, "revoke-key", "key:" + id, null, null, ct);
        }
        return LocalRedirect("/account");
    }
}
