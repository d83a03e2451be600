namespace DiscoveryPortal.Indexer.Accounts;

/// <summary>An account as stored, with its password hash.</summary>
public sealed record StoredAccount(Account Account, string PasswordHash);

/// <summary>A key that is not revoked, as stored: the SHA-256 of its secret, its scopes and its account.</summary>
public sealed record StoredKey(string SecretSha256, IReadOnlyList<string> Scopes, Account Account);

/// <summary>Accounts and their API keys in the catalogue database; the rules are <see cref="AccountService"/>'s.</summary>
public interface IAccountStore
{
    /// <summary>Adds the account; false when its name is taken.</summary>
    Task<bool> AddAsync(Account account, string passwordHash, DateTimeOffset created, CancellationToken ct);

    Task<StoredAccount?> FindAsync(string name, CancellationToken ct);

    Task SetPasswordHashAsync(string name, string passwordHash, CancellationToken ct);

    Task AddKeyAsync(string user, ApiKeyInfo key, string secretSha256, CancellationToken ct);

    /// <summary>The key with this id, unless it is revoked.</summary>
    Task<StoredKey?> LiveKeyAsync(string id, CancellationToken ct);

    Task TouchKeyAsync(string id, DateTimeOffset at, CancellationToken ct);

    /// <summary>The account's keys, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyInfo>> KeysAsync(string user, CancellationToken ct);

    /// <summary>Revokes one of the account's keys; false when it has no such live key.</summary>
    Task<bool> RevokeKeyAsync(string user, string id, DateTimeOffset at, CancellationToken ct);
}
