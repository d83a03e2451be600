using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.Indexer.Sources;

/// <summary>Section "Harvest": whether the background harvester runs and how often it looks for due sources.</summary>
public sealed class HarvestScheduleOptions
{
    public const string Section = "Harvest";

    public bool Scheduled { get; set; } = true;

    public int CheckSeconds { get; set; } = 60;
}

/// <summary>
/// The background harvester: every <see cref="HarvestScheduleOptions.CheckSeconds"/> it starts each source
/// whose schedule is due (no run yet, the last one interrupted, or started longer ago than its interval),
/// after marking interrupted the runs found dead (their process killed). Runs go through the coordinator,
/// so a source still running is left alone and a failing one stops no other.
/// </summary>
public sealed class HarvestScheduler(SourceRegistry registry, HarvestCoordinator coordinator, ICatalogStore catalog, Ingestion.HarvestLeases leases, TimeProvider clock,
    IOptions<HarvestScheduleOptions> options, ILogger<HarvestScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Scheduled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.CheckSeconds)), clock);
        do
        {
            try
            {
                await StartDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Looking for due harvests failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Starts every due source; returns the ids started.</summary>
    public async Task<IReadOnlyList<string>> StartDueAsync(CancellationToken ct)
    {
        var started = new List<string>();
        await leases.InterruptDeadRunsAsync(null, ct);
        var now = clock.GetUtcNow();
        foreach (var source in (await registry.AllAsync(ct: ct)).Sources.Where(s => s.Interval is not null))
        {
            var last = (await catalog.RecentHarvestsAsync(source.Id, 1, ct)).FirstOrDefault();
            // A killed run is resumed at once rather than at the next interval.
            if ((last is null || last.Status == HarvestRun.Interrupted || now - last.StartedAt >= source.Interval) && coordinator.TryStart(source.Id, out _))
            {
                started.Add(source.Id);
            }
        }
        return started;
    }
}
