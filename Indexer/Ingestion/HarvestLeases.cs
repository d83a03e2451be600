using System.Diagnostics;
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
            catch (System.Data.Common.DbException)
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
public sealed class HarvestLeases(IHarvestLeaseStore store, TimeProvider clock)
{
    public static readonly TimeSpan Beat = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    private static readonly string Host = HarvestHolder.ThisProcess.Host;
    private static readonly int Pid = HarvestHolder.ThisProcess.Pid;

    /// <summary>The lease, or null and who holds it when a live run of the source is under way.</summary>
    public async Task<(HarvestLease? Lease, string? HeldBy)> TryAcquireAsync(string sourceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var holder = new HarvestHolder(Host, Pid, Guid.NewGuid().ToString("N"));
        var held = await store.TryTakeAsync(sourceId, holder, now, h => IsStale(h.Host, (int)h.Pid, h.Heartbeat, now), ct);
        if (held is not null)
        {
            return (null, $"process {held.Pid} on {held.Host}, since {held.StartedAt}");
        }
        var token = holder.LeaseToken!;
        return (new HarvestLease(holder,
            () => store.BeatAsync(sourceId, token, clock.GetUtcNow()),
            () => store.ReleaseAsync(sourceId, token),
            Beat), null);
    }

    /// <summary>
    /// Marks interrupted every run of the source (or of all sources) recorded as running whose lease is gone,
    /// held by another run, or stale: its process was killed or stopped beating. Its counts stay what its
    /// committed pages made them. Returns how many were marked.
    /// </summary>
    public async Task<int> InterruptDeadRunsAsync(string? sourceId, CancellationToken ct)
    {
        var running = await store.RunningAsync(sourceId, ct);
        var now = clock.GetUtcNow();
        var dead = running.Where(r => r.RunToken is null || r.Lease is not { } l || r.RunToken != l.Token || IsStale(l.Host, (int)l.Pid, l.Heartbeat, now))
            .Select(r => r.Id).ToList();
        return dead.Count == 0 ? 0 : await store.InterruptAsync(dead, ct);
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
