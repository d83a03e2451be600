using System.Text.Json;
using Dapper;
using DiscoveryPortal.Indexer.Accounts;

namespace DiscoveryPortal.Indexer.PostgreSql;

/// <summary>Accounts and API keys in the PostgreSQL catalogue: one set for every node, so a key or a sign-in works on any.</summary>
public sealed class PostgreSqlAccountStore(PostgreSqlDatabase database) : IAccountStore
{
    public async Task<bool> AddAsync(Account account, string passwordHash, DateTimeOffset created, CancellationToken ct)
    {
        await using var connection = database.Open();
        return await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO users (name, password_hash, role, sources_json, missions_json, created_at) VALUES (@name, @hash, @role, @sources, @missions, @now) ON CONFLICT (name) DO NOTHING",
            new { name = account.Name, hash = passwordHash, role = account.Role, sources = JsonSerializer.Serialize(account.Sources), missions = JsonSerializer.Serialize(account.Missions), now = created.ToString("O") },
            cancellationToken: ct)) == 1;
    }

    public async Task<StoredAccount?> FindAsync(string name, CancellationToken ct)
    {
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            "SELECT name AS Name, password_hash AS Hash, role AS Role, sources_json AS Sources, missions_json AS Missions FROM users WHERE name = @name", new { name }, cancellationToken: ct));
        return row is null ? null : new StoredAccount(row.Account, row.Hash);
    }

    public async Task SetPasswordHashAsync(string name, string passwordHash, CancellationToken ct)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition("UPDATE users SET password_hash = @hash WHERE name = @name", new { name, hash = passwordHash }, cancellationToken: ct));
    }

    public async Task AddKeyAsync(string user, ApiKeyInfo key, string secretSha256, CancellationToken ct)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (id, user_name, secret_sha256, label, scopes, created_at) VALUES (@id, @user, @hash, @label, @scopes, @now)",
            new { id = key.Id, user, hash = secretSha256, label = key.Label, scopes = string.Join(' ', key.Scopes), now = key.Created.ToString("O") }, cancellationToken: ct));
    }

    public async Task<StoredKey?> LiveKeyAsync(string id, CancellationToken ct)
    {
        // The primary: a key revoked a moment ago on another node is refused at once, not after the standby replays it.
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            "SELECT k.secret_sha256 AS Hash, k.scopes AS Scopes, u.name AS Name, u.role AS Role, u.sources_json AS Sources, u.missions_json AS Missions " +
            "FROM api_keys k JOIN users u ON u.name = k.user_name WHERE k.id = @id AND k.revoked_at IS NULL", new { id }, cancellationToken: ct));
        return row?.Key;
    }

    public async Task TouchKeyAsync(string id, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition("UPDATE api_keys SET last_used_at = @now WHERE id = @id", new { id, now = at.ToString("O") }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> KeysAsync(string user, CancellationToken ct)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<KeyInfoRow>(new CommandDefinition(
            "SELECT id AS Id, label AS Label, scopes AS Scopes, created_at AS Created, revoked_at AS Revoked, last_used_at AS LastUsed FROM api_keys WHERE user_name = @user ORDER BY created_at, id",
            new { user }, cancellationToken: ct));
        return rows.Select(r => r.Info).ToList();
    }

    public async Task<bool> RevokeKeyAsync(string user, string id, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = database.Open();
        return await connection.ExecuteAsync(new CommandDefinition("UPDATE api_keys SET revoked_at = @now WHERE id = @id AND user_name = @user AND revoked_at IS NULL",
            new { id, user, now = at.ToString("O") }, cancellationToken: ct)) == 1;
    }
}
