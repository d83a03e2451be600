using Dapper;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;

namespace DiscoveryPortal.Indexer.Sqlite;

/// <summary>Harvest leases in the SQLite catalogue: BEGIN IMMEDIATE keeps a second taker out while the first decides.</summary>
public sealed class SqliteHarvestLeaseStore(SqliteDatabase database) : IHarvestLeaseStore
{
    public async Task<HeldLease?> TryTakeAsync(string sourceId, HarvestHolder holder, DateTimeOffset now, Func<HeldLease, bool> mayTake, CancellationToken ct)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: false);
        var held = await connection.QuerySingleOrDefaultAsync<HeldLease>(new CommandDefinition(
            "SELECT host AS Host, pid AS Pid, started_at AS StartedAt, heartbeat_at AS HeartbeatAt, token AS Token FROM harvest_leases WHERE source_id = @sourceId",
            new { sourceId }, tx, cancellationToken: ct));
        if (held is not null && !mayTake(held))
        {
            return held;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO harvest_leases (source_id, host, pid, started_at, heartbeat_at, token) VALUES (@sourceId, @Host, @Pid, @now, @now, @LeaseToken) " +
            "ON CONFLICT(source_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, token = excluded.token",
            new { sourceId, holder.Host, holder.Pid, now = now.ToString("O"), holder.LeaseToken }, tx, cancellationToken: ct));
        tx.Commit();
        return null;
    }

    public async Task BeatAsync(string sourceId, string token, DateTimeOffset at)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync("UPDATE harvest_leases SET heartbeat_at = @at WHERE source_id = @sourceId AND token = @token", new { sourceId, token, at = at.ToString("O") });
    }

    public async Task ReleaseAsync(string sourceId, string token)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync("DELETE FROM harvest_leases WHERE source_id = @sourceId AND token = @token", new { sourceId, token });
    }

    public async Task<IReadOnlyList<RunningHarvest>> RunningAsync(string? sourceId, CancellationToken ct)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<RunningRow>(new CommandDefinition(
            "SELECT r.id AS Id, r.lease_token AS RunToken, l.token AS Token, l.host AS Host, l.pid AS Pid, l.started_at AS StartedAt, l.heartbeat_at AS HeartbeatAt " +
            "FROM harvest_runs r LEFT JOIN harvest_leases l ON l.source_id = r.source_id WHERE r.status = 'running' AND (@sourceId IS NULL OR r.source_id = @sourceId)",
            new { sourceId }, cancellationToken: ct));
        return rows.Select(r => r.Running).ToList();
    }

    public async Task<int> InterruptAsync(IReadOnlyList<long> runIds, CancellationToken ct)
    {
        using var connection = database.Open();
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_runs SET status = 'interrupted', records = (SELECT count(*) FROM assets WHERE assets.source_id = harvest_runs.source_id AND withdrawn_at IS NULL) " +
            "WHERE status = 'running' AND id IN (SELECT value FROM json_each(@ids))", new { ids = System.Text.Json.JsonSerializer.Serialize(runIds) }, cancellationToken: ct));
    }
}
