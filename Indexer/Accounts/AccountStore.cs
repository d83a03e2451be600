using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
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
/// Accounts and API keys in the catalogue database. Passwords go through ASP.NET Core Identity's
/// PasswordHasher (salted PBKDF2); an API key is 32 random bytes shown once, kept as its SHA-256, and
/// compared in constant time.
/// </summary>
public sealed class AccountStore(SqliteDatabase database, TimeProvider clock)
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
        using var connection = database.Open();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO users (name, password_hash, role, sources_json, missions_json, created_at) VALUES (@name, @hash, @role, @sources, @missions, @now)",
                new { name, hash = _hasher.HashPassword(name, password), role, sources = JsonSerializer.Serialize(sources ?? []), missions = JsonSerializer.Serialize(missions ?? []), now = clock.GetUtcNow().ToString("O") },
                cancellationToken: ct));
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new AccountException($"user '{name}' exists already");
        }
        return new Account(name, role, sources ?? [], missions ?? []);
    }

    public async Task<Account?> FindAsync(string name, CancellationToken ct)
    {
        using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            "SELECT name AS Name, password_hash AS Hash, role AS Role, sources_json AS Sources, missions_json AS Missions FROM users WHERE name = @name", new { name }, cancellationToken: ct));
        return row?.Account;
    }

    /// <summary>The account, if the password is its own; a hash in an old format is upgraded on the way.</summary>
    public async Task<Account?> SignInAsync(string name, string password, CancellationToken ct)
    {
        using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            "SELECT name AS Name, password_hash AS Hash, role AS Role, sources_json AS Sources, missions_json AS Missions FROM users WHERE name = @name", new { name }, cancellationToken: ct));
        if (row is null)
        {
            _hasher.HashPassword(name, password); // the same work whether or not the user exists
            return null;
        }
        var result = _hasher.VerifyHashedPassword(name, row.Hash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE users SET password_hash = @hash WHERE name = @name", new { name, hash = _hasher.HashPassword(name, password) }, cancellationToken: ct));
        }
        return result == PasswordVerificationResult.Failed ? null : row.Account;
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
        var now = clock.GetUtcNow();
        using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (id, user_name, secret_sha256, label, scopes, created_at) VALUES (@id, @user, @hash, @label, @scopes, @now)",
            new { id, user, hash = Sha256(secret), label = label.Length > 100 ? label[..100] : label, scopes = string.Join(' ', scopes), now = now.ToString("O") }, cancellationToken: ct));
        return (new ApiKeyInfo(id, label, scopes, now, null, null), secret);
    }

    /// <summary>The account and scopes of a presented key, or null for an unknown, wrong or revoked key.</summary>
    public async Task<(Account Account, IReadOnlyList<string> Scopes)?> AuthenticateKeyAsync(string secret, CancellationToken ct)
    {
        var parts = secret.StartsWith(KeyPrefix, StringComparison.Ordinal) ? secret[KeyPrefix.Length..].Split('_', 2) : [];
        if (parts.Length != 2)
        {
            return null;
        }
        using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            "SELECT k.secret_sha256 AS Hash, k.scopes AS Scopes, u.name AS Name, u.role AS Role, u.sources_json AS Sources, u.missions_json AS Missions " +
            "FROM api_keys k JOIN users u ON u.name = k.user_name WHERE k.id = @id AND k.revoked_at IS NULL", new { id = parts[0] }, cancellationToken: ct));
        if (row is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.Hash), Encoding.ASCII.GetBytes(Sha256(secret))))
        {
            return null;
        }
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE api_keys SET last_used_at = @now WHERE id = @id", new { id = parts[0], now = clock.GetUtcNow().ToString("O") }, cancellationToken: ct));
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (CatalogFault.Of(e) is not null)
        {
            // A key's last use is not worth refusing a request for: with the catalogue full or read-only, reads go on.
        }
        return (new UserRow(row.Name, "", row.Role, row.Sources, row.Missions).Account, row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> KeysAsync(string user, CancellationToken ct)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(string Id, string Label, string Scopes, string Created, string? Revoked, string? LastUsed)>(new CommandDefinition(
            "SELECT id, label, scopes, created_at, revoked_at, last_used_at FROM api_keys WHERE user_name = @user ORDER BY created_at", new { user }, cancellationToken: ct));
        return rows.Select(r => new ApiKeyInfo(r.Id, r.Label, r.Scopes.Split(' '), Parse(r.Created)!.Value, Parse(r.Revoked), Parse(r.LastUsed))).ToList();
    }

    /// <summary>Revokes one of the account's keys; false when it has no such key.</summary>
    public async Task<bool> RevokeKeyAsync(string user, string id, CancellationToken ct)
    {
        using var connection = database.Open();
        return await connection.ExecuteAsync(new CommandDefinition("UPDATE api_keys SET revoked_at = @now WHERE id = @id AND user_name = @user AND revoked_at IS NULL",
            new { id, user, now = clock.GetUtcNow().ToString("O") }, cancellationToken: ct)) == 1;
    }

    private static string Sha256(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static DateTimeOffset? Parse(string? text) => text is null ? null : DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private sealed record UserRow(string Name, string Hash, string Role, string Sources, string Missions)
    {
        public Account Account => new(Name, Role, JsonSerializer.Deserialize<List<string>>(Sources) ?? [], JsonSerializer.Deserialize<List<string>>(Missions) ?? []);
    }

    private sealed record KeyRow(string Hash, string Scopes, string Name, string Role, string Sources, string Missions);
}
