using System.Diagnostics;
using Dapper;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>A held lease on a source's harvest; disposing it lets the source go.</summary>
public sealed class HarvestLease : IAsyncDisposable
{
    private readonly Func<Task> _release;
    private readonly Timer _heartbeat;

    internal HarvestLease(HarvestHolder holder, Func<Task> beat, Func<Task> release, TimeSpan every)
    {
        Holder = holder;
        _release = release;
        _heartbeat = new Timer(_ =>
        {
            try
            {
                beat().GetAwaiter().GetResult();
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // A missed beat only lets the lease look stale sooner; the run goes on.
            }
        }, null, every, every);
    }

    /// <summary>This process and the lease's token, which the run it holds records.</summary>
    public HarvestHolder Holder { get; }

    public async ValueTask DisposeAsync()
    {
        await _heartbeat.DisposeAsync();
        await _release();
    }
}

/// <summary>
/// Leases in the catalogue database that keep two processes from harvesting one source at once. A
/// holder beats every <see cref="Beat"/>; a lease not beaten for <see cref="Stale"/>, or held by a
/// process of this host that is gone (a killed harvest), is taken over; a run recorded as running whose
/// lease is gone or was taken over is dead, and is marked interrupted (<see cref="InterruptDeadRunsAsync"/>).
/// </summary>
public sealed class HarvestLeases(SqliteDatabase database, TimeProvider clock)
{
    public static readonly TimeSpan Beat = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    private static readonly string Host = HarvestHolder.ThisProcess.Host;
    private static readonly int Pid = HarvestHolder.ThisProcess.Pid;

    /// <summary>The lease, or null and who holds it when a live run of the source is under way.</summary>
    public async Task<(HarvestLease? Lease, string? HeldBy)> TryAcquireAsync(string sourceId, CancellationToken ct)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: false);
        var held = await connection.QuerySingleOrDefaultAsync<(string Host, long Pid, string Started, string Heartbeat)?>(new CommandDefinition(
            "SELECT host, pid, started_at, heartbeat_at FROM harvest_leases WHERE source_id = @sourceId", new { sourceId }, tx, cancellationToken: ct));
        var now = clock.GetUtcNow();
        if (held is { } h && !IsStale(h.Host, (int)h.Pid, DateTimeOffset.Parse(h.Heartbeat, System.Globalization.CultureInfo.InvariantCulture), now))
        {
            return (null, $"process {h.Pid} on {h.Host}, since {h.Started}");
        }
        var token = Guid.NewGuid().ToString("N");
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO harvest_leases (source_id, host, pid, started_at, heartbeat_at, token) VALUES (@sourceId, @Host, @Pid, @now, @now, @token) " +
            "ON CONFLICT(source_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, token = excluded.token",
            new { sourceId, Host, Pid, now = now.ToString("O"), token }, tx, cancellationToken: ct));
        tx.Commit();
        return (new HarvestLease(new HarvestHolder(Host, Pid, token),
            async () =>
            {
                using var c = database.Open();
                await c.ExecuteAsync("UPDATE harvest_leases SET heartbeat_at = @at WHERE source_id = @sourceId AND token = @token",
                    new { sourceId, token, at = clock.GetUtcNow().ToString("O") });
            },
            async () =>
            {
                using var c = database.Open();
                // Only this holder's lease: one taken over from it belongs to the run that took it.
                await c.ExecuteAsync("DELETE FROM harvest_leases WHERE source_id = @sourceId AND token = @token", new { sourceId, token });
            },
            Beat), null);
    }

    /// <summary>
    /// Marks interrupted every run of the source (or of all sources) recorded as running whose lease is gone,
    /// held by another run, or stale: its process was killed or stopped beating. Its counts stay what its
    /// committed pages made them. Returns how many were marked.
    /// </summary>
    public async Task<int> InterruptDeadRunsAsync(string? sourceId, CancellationToken ct)
    {
        using var connection = database.Open();
        var running = await connection.QueryAsync<(long Id, string? Token, string? LeaseToken, string? Host, long? Pid, string? Heartbeat)>(new CommandDefinition(
            "SELECT r.id, r.lease_token, l.token, l.host, l.pid, l.heartbeat_at FROM harvest_runs r LEFT JOIN harvest_leases l ON l.source_id = r.source_id " +
            "WHERE r.status = 'running' AND (@sourceId IS NULL OR r.source_id = @sourceId)", new { sourceId }, cancellationToken: ct));
        var now = clock.GetUtcNow();
        var dead = running.Where(r => r.Token is null || r.Token != r.LeaseToken
                || IsStale(r.Host!, (int)r.Pid!.Value, DateTimeOffset.Parse(r.Heartbeat!, System.Globalization.CultureInfo.InvariantCulture), now))
            .Select(r => r.Id).ToList();
        if (dead.Count == 0)
        {
            return 0;
        }
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_runs SET status = 'interrupted', records = (SELECT count(*) FROM assets WHERE assets.source_id = harvest_runs.source_id AND withdrawn_at IS NULL) " +
            "WHERE status = 'running' AND id IN (SELECT value FROM json_each(@ids))", new { ids = System.Text.Json.JsonSerializer.Serialize(dead) }, cancellationToken: ct));
    }

    private static bool IsStale(string host, int pid, DateTimeOffset heartbeat, DateTimeOffset now)
    {
        if (now - heartbeat > Stale)
        {
            return true;
        }
        if (host != Host || pid == Pid)
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process: the holder was killed
        }
    }
}
