using Dapper;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Sqlite;

/// <summary>The audit log in the SQLite catalogue.</summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    public Task AddAsync(CatalogWrite? write, AuditEntry entry, CancellationToken ct) =>
        database.UseAsync(write, (connection, tx) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (at, actor, action, target, before_json, after_json) VALUES (@at, @Actor, @Action, @Target, @Before, @After)",
            new { at = entry.At.ToString("O"), entry.Actor, entry.Action, entry.Target, entry.Before, entry.After }, tx, cancellationToken: ct)));

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(string? target, int limit, CancellationToken ct)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            "SELECT id AS Id, at AS At, actor AS Actor, action AS Action, target AS Target, before_json AS Before, after_json AS After FROM audit_log " +
            "WHERE @target IS NULL OR target = @target ORDER BY id DESC LIMIT @limit",
            new { target, limit }, cancellationToken: ct));
        return rows.Select(r => r.Entry).ToList();
    }
}
