using System.Diagnostics;
using Dapper;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>A held lease on a source's harvest; disposing it lets the source go.</summary>
public sealed class HarvestLease : IAsyncDisposable
{
    private readonly Func<Task> _release;
    private readonly Timer _heartbeat;

    internal HarvestLease(Func<Task> beat, Func<Task> release, TimeSpan every)
    {
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

    public async ValueTask DisposeAsync()
    {
        await _heartbeat.DisposeAsync();
        await _release();
    }
}

/// <summary>
/// Leases in the catalogue database that keep two processes from harvesting one source at once. A
/// holder beats every <see cref="Beat"/>; a lease not beaten for <see cref="Stale"/>, or held by a
/// process of this host that is gone (a killed harvest), is taken over.
/// </summary>
public sealed class HarvestLeases(SqliteDatabase database, TimeProvider clock)
{
    public static readonly TimeSpan Beat = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    private static readonly string Host = Environment.MachineName;
    private static readonly int Pid = Environment.ProcessId;

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
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO harvest_leases (source_id, host, pid, started_at, heartbeat_at) VALUES (@sourceId, @Host, @Pid, @now, @now) " +
            "ON CONFLICT(source_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at",
            new { sourceId, Host, Pid, now = now.ToString("O") }, tx, cancellationToken: ct));
        tx.Commit();
        return (new HarvestLease(
            async () =>
            {
                using var c = database.Open();
                await c.ExecuteAsync("UPDATE harvest_leases SET heartbeat_at = @at WHERE source_id = @sourceId AND host = @Host AND pid = @Pid",
                    new { sourceId, Host, Pid, at = clock.GetUtcNow().ToString("O") });
            },
            async () =>
            {
                using var c = database.Open();
                await c.ExecuteAsync("DELETE FROM harvest_leases WHERE source_id = @sourceId AND host = @Host AND pid = @Pid", new { sourceId, Host, Pid });
            },
            Beat), null);
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
