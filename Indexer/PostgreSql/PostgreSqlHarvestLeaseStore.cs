using Dapper;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;

namespace DiscoveryPortal.Indexer.PostgreSql;

/// <summary>
/// Harvest leases in the PostgreSQL catalogue, one row per source for the whole deployment: a taker locks the
/// row (SELECT ... FOR UPDATE) while it decides, so of two nodes asking at once one waits and then finds the
/// lease taken.
/// </summary>
public sealed class PostgreSqlHarvestLeaseStore(PostgreSqlDatabase database) : IHarvestLeaseStore
{
    private const string SelectLease =
        "SELECT host AS Host, pid AS Pid, started_at AS StartedAt, heartbeat_at AS HeartbeatAt, token AS Token FROM harvest_leases WHERE source_key = lower(@sourceId)";

    public async Task<HeldLease?> TryTakeAsync(string sourceId, HarvestHolder holder, DateTimeOffset now, Func<HeldLease, bool> mayTake, CancellationToken ct)
    {
        await using var connection = database.Open();
        await using var tx = await connection.BeginTransactionAsync(ct);
        var args = new { sourceId, holder.Host, holder.Pid, now = now.ToString("O"), holder.LeaseToken };
        // A source with no lease yet: the insert takes it, or finds that another node's insert got there first.
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO harvest_leases (source_key, source_id, host, pid, started_at, heartbeat_at, token) VALUES (lower(@sourceId), @sourceId, @Host, @Pid, @now, @now, @LeaseToken) " +
            "ON CONFLICT (source_key) DO NOTHING", args, tx, cancellationToken: ct));
        if (inserted == 0)
        {
            var held = await connection.QuerySingleAsync<HeldLease>(new CommandDefinition($"{SelectLease} FOR UPDATE", new { sourceId }, tx, cancellationToken: ct));
            if (!mayTake(held))
            {
                return held;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE harvest_leases SET source_id = @sourceId, host = @Host, pid = @Pid, started_at = @now, heartbeat_at = @now, token = @LeaseToken WHERE source_key = lower(@sourceId)",
                args, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return null;
    }

    public async Task BeatAsync(string sourceId, string token, DateTimeOffset at)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync("UPDATE harvest_leases SET heartbeat_at = @at WHERE source_key = lower(@sourceId) AND token = @token", new { sourceId, token, at = at.ToString("O") });
    }

    public async Task ReleaseAsync(string sourceId, string token)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync("DELETE FROM harvest_leases WHERE source_key = lower(@sourceId) AND token = @token", new { sourceId, token });
    }

    public async Task<IReadOnlyList<RunningHarvest>> RunningAsync(string? sourceId, CancellationToken ct)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<RunningRow>(new CommandDefinition(
            "SELECT r.id AS Id, r.lease_token AS RunToken, l.token AS Token, l.host AS Host, l.pid AS Pid, l.started_at AS StartedAt, l.heartbeat_at AS HeartbeatAt " +
            "FROM harvest_runs r LEFT JOIN harvest_leases l ON l.source_key = lower(r.source_id) WHERE r.status = 'running' AND (@sourceId::text IS NULL OR r.source_id = @sourceId)",
            new { sourceId }, cancellationToken: ct));
        return rows.Select(r => r.Running).ToList();
    }

    public async Task<int> InterruptAsync(IReadOnlyList<long> runIds, CancellationToken ct)
    {
        await using var connection = database.Open();
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_runs SET status = 'interrupted', records = (SELECT count(*) FROM assets WHERE assets.source_id = harvest_runs.source_id AND withdrawn_at IS NULL) " +
            "WHERE status = 'running' AND id = ANY(@ids)", new { ids = runIds.ToArray() }, cancellationToken: ct));
    }
}
