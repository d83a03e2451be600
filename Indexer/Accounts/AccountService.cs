using System.Security.Cryptography;
using System.Text;
using DiscoveryPortal.Indexer.Catalog;
using Microsoft.AspNetCore.Identity;

namespace DiscoveryPortal.Indexer.Accounts;

/// <summary>An account: its name, role, and for a curator the sources and missions it may change.</summary>
public sealed record Account(string Name, string Role, IReadOnlyList<string> Sources, IReadOnlyList<string> Missions)
{
    /// <summary>Whether this account may change a record of this source or mission.</summary>
    public bool MayChange(string sourceId, string? mission) =>
        Role == Roles.Administrator
        || (Role == Roles.Curator && (Sources.Contains(sourceId, StringComparer.OrdinalIgnoreCase) || (mission is not null && Missions.Contains(mission, StringComparer.OrdinalIgnoreCase))));
}

/// <summary>An API key as lists show it: never the secret.</summary>
public sealed record ApiKeyInfo(string Id, string Label, IReadOnlyList<string> Scopes, DateTimeOffset Created, DateTimeOffset? Revoked, DateTimeOffset? LastUsed);

/// <summary>An account change that cannot be made; the message says why.</summary>
public sealed class AccountException(string message) : Exception(message);

/// <summary>
/// Accounts and API keys, with their rules. Passwords go through ASP.NET Core Identity's
/// PasswordHasher (salted PBKDF2); an API key is 32 random bytes shown once, kept as its SHA-256, and
/// compared in constant time.
/// </summary>
public sealed class AccountService(IAccountStore store, TimeProvider clock)
{
    public const string KeyPrefix = "dpk_";
    private readonly PasswordHasher<string> _hasher = new();

    public async Task<Account> CreateAsync(string name, string password, string role, IReadOnlyList<string>? sources = null, IReadOnlyList<string>? missions = null, CancellationToken ct = default)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9][a-z0-9._-]{1,63}$"))
        {
            throw new AccountException($"user name '{name}' must be 2 to 64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (System.Text.RegularExpressions.Regex.IsMatch(name, "^v[0-9a-f]{12}$"))
        {
            // 'v' and twelve hex digits names a browser's visitor, whose launches are its own.
            throw new AccountException($"user name '{name}' is of the form kept for visitors ('v' and twelve hex digits)");
        }
        if (!Roles.All.Contains(role))
        {
            throw new AccountException($"role '{role}' is not one of {string.Join(", ", Roles.All)}");
        }
        if (password.Length < 12)
        {
            throw new AccountException("a password needs at least 12 characters");
        }
        var account = new Account(name, role, sources ?? [], missions ?? []);
        if (!await store.AddAsync(account, _hasher.HashPassword(name, password), clock.GetUtcNow(), ct))
        {
            throw new AccountException($"user '{name}' exists already");
        }
        return account;
    }

    public async Task<Account?> FindAsync(string name, CancellationToken ct) => (await store.FindAsync(name, ct))?.Account;

    /// <summary>The account, if the password is its own; a hash in an old format is upgraded on the way.</summary>
    public async Task<Account?> SignInAsync(string name, string password, CancellationToken ct)
    {
        var stored = await store.FindAsync(name, ct);
        if (stored is null)
        {
            _hasher.HashPassword(name, password); // the same work whether or not the user exists
            return null;
        }
        var result = _hasher.VerifyHashedPassword(name, stored.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await store.SetPasswordHashAsync(name, _hasher.HashPassword(name, password), ct);
        }
        return result == PasswordVerificationResult.Failed ? null : stored.Account;
    }

    /// <summary>A new API key for the account: the secret is in the answer and nowhere else.</summary>
    public async Task<(ApiKeyInfo Key, string Secret)> CreateKeyAsync(string user, string label, IReadOnlyList<string> scopes, CancellationToken ct)
    {
        var unknown = scopes.Where(s => !Scopes.All.Contains(s)).ToList();
        if (unknown.Count > 0 || scopes.Count == 0)
        {
            throw new AccountException($"scopes must be some of {string.Join(", ", Scopes.All)}{(unknown.Count > 0 ? $", not {string.Join(", ", unknown)}" : "")}");
        }
        label = Connectors.Normalisation.DisplayText.Strip(label); // shown on the account page
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = KeyPrefix + id + "_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new ApiKeyInfo(id, label.Length > 100 ? label[..100] : label, scopes, clock.GetUtcNow(), null, null);
        await store.AddKeyAsync(user, key, Sha256(secret), ct);
        return (key with { Label = label }, secret);
    }

    /// <summary>The account and scopes of a presented key, or null for an unknown, wrong or revoked key.</summary>
    public async Task<(Account Account, IReadOnlyList<string> Scopes)?> AuthenticateKeyAsync(string secret, CancellationToken ct)
    {
        var parts = secret.StartsWith(KeyPrefix, StringComparison.Ordinal) ? secret[KeyPrefix.Length..].Split('_', 2) : [];
        if (parts.Length != 2)
        {
            return null;
        }
        var key = await store.LiveKeyAsync(parts[0], ct);
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.SecretSha256), Encoding.ASCII.GetBytes(Sha256(secret))))
        {
            return null;
        }
        try
        {
            await store.TouchKeyAsync(parts[0], clock.GetUtcNow(), ct);
        }
        catch (Exception e) when (CatalogFault.Of(e) is not null)
        {
            // A key's last use is not worth refusing a request for: with the catalogue full or read-only, reads go on.
        }
        return (key.Account, key.Scopes);
    }

    public Task<IReadOnlyList<ApiKeyInfo>> KeysAsync(string user, CancellationToken ct) => store.KeysAsync(user, ct);

    /// <summary>Revokes one of the account's keys; false when it has no such key.</summary>
    public Task<bool> RevokeKeyAsync(string user, string id, CancellationToken ct) => store.RevokeKeyAsync(user, id, clock.GetUtcNow(), ct);

    private static string Sha256(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
