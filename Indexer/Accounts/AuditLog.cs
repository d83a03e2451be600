using System.Text.Json;
using Dapper;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Accounts;

/// <summary>One change: who, when, what, and the target before and after.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Before, string? After);

/// <summary>Records who changed what, when, from what to what; entries are never changed or removed.</summary>
public sealed class AuditLog(SqliteDatabase database, TimeProvider clock)
{
    /// <summary>The actor named for what the command line does.</summary>
    public const string CommandLine = "command line";

    public Task RecordAsync(string actor, string action, string target, object? before, object? after, CancellationToken ct) =>
        RecordAsync(null, actor, action, target, before, after, ct);

    /// <summary>Records the entry inside the write of the change it describes, so neither is kept without the other.</summary>
    public Task RecordAsync(CatalogWrite? write, string actor, string action, string target, object? before, object? after, CancellationToken ct) =>
        database.UseAsync(write, (connection, tx) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (at, actor, action, target, before_json, after_json) VALUES (@at, @actor, @action, @target, @before, @after)",
            new { at = clock.GetUtcNow().ToString("O"), actor, action, target, before = Json(before), after = Json(after) }, tx, cancellationToken: ct)));

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(string? target, int limit, CancellationToken ct)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(long Id, string At, string Actor, string Action, string Target, string? Before, string? After)>(new CommandDefinition(
            "SELECT id, at, actor, action, target, before_json, after_json FROM audit_log WHERE @target IS NULL OR target = @target ORDER BY id DESC LIMIT @limit",
            new { target, limit }, cancellationToken: ct));
        return rows.Select(r => new AuditEntry(r.Id, DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture), r.Actor, r.Action, r.Target, r.Before, r.After)).ToList();
    }

    private static string? Json(object? value) => value switch
    {
        null => null,
        AssetRecord record => RecordJson.Serialize(record),
        _ => JsonSerializer.Serialize(value, RecordJson.Options),
    };
}
