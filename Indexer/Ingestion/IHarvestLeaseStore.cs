using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>A source's lease as stored: who holds it, since when, and when it last beat.</summary>
public sealed record HeldLease(string Host, long Pid, string StartedAt, string HeartbeatAt, string? Token)
{
    public DateTimeOffset Heartbeat => DateTimeOffset.Parse(HeartbeatAt, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A run recorded as running, with its own lease token and the lease its source has now (if any).</summary>
public sealed record RunningHarvest(long Id, string? RunToken, HeldLease? Lease);

/// <summary>Harvest leases in the catalogue database, one per source (ids compare without case); the rules are <see cref="HarvestLeases"/>'s.</summary>
public interface IHarvestLeaseStore
{
    /// <summary>
    /// In one transaction that keeps every other taker out: reads the source's lease and, when there is none or
    /// <paramref name="mayTake"/> says the one held may be taken over, writes <paramref name="holder"/>'s.
    /// Returns null when it was taken, else the lease that is held.
    /// </summary>
    Task<HeldLease?> TryTakeAsync(string sourceId, HarvestHolder holder, DateTimeOffset now, Func<HeldLease, bool> mayTake, CancellationToken ct);

    /// <summary>Moves the lease's heartbeat, if <paramref name="token"/> still holds it.</summary>
    Task BeatAsync(string sourceId, string token, DateTimeOffset at);

    /// <summary>Lets the source go, if <paramref name="token"/> still holds it (one taken over belongs to the run that took it).</summary>
    Task ReleaseAsync(string sourceId, string token);

    /// <summary>The runs recorded as running, of one source or of all.</summary>
    Task<IReadOnlyList<RunningHarvest>> RunningAsync(string? sourceId, CancellationToken ct);

    /// <summary>Marks these runs interrupted (those still running), with the records their source has now; returns how many.</summary>
    Task<int> InterruptAsync(IReadOnlyList<long> runIds, CancellationToken ct);
}

/// <summary>A running run joined with its source's lease, as every backend reads it.</summary>
public sealed class RunningRow
{
    public long Id { get; set; }
    public string? RunToken { get; set; }
    public string? Token { get; set; }
    public string? Host { get; set; }
    public long? Pid { get; set; }
    public string? StartedAt { get; set; }
    public string? HeartbeatAt { get; set; }

    public RunningHarvest Running => new(Id, RunToken, Host is null ? null : new HeldLease(Host!, Pid!.Value, StartedAt!, HeartbeatAt!, Token));
}
