using System.Collections.Concurrent;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Sources;

/// <summary>
/// Starts harvests, scheduled or on demand, so that two runs of one source never overlap and one
/// source's failure, however unexpected, is recorded against that source and stops nothing else.
/// </summary>
public sealed class HarvestCoordinator(SourceRegistry registry, SourceHarvester harvester, ICatalogStore catalog, TimeProvider clock, ILogger<HarvestCoordinator> log) : IDisposable
{
    private readonly ConcurrentDictionary<string, Task<HarvestRun>> _running = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The retry policy of every run this coordinator starts (tests shorten it).</summary>
    public RetryPolicy? Retry { get; set; }

    public bool IsRunning(string sourceId) => _running.ContainsKey(sourceId);

    /// <summary>Starts a run unless one of this source is under way; the task ends with the run's record.</summary>
    public bool TryStart(string sourceId, out Task<HarvestRun> run)
    {
        var started = new TaskCompletionSource<HarvestRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_running.TryAdd(sourceId, started.Task))
        {
            run = _running.TryGetValue(sourceId, out var current) ? current : started.Task;
            return false;
        }
        run = started.Task;
        _ = Task.Run(async () =>
        {
            try
            {
                started.SetResult(await RunAsync(sourceId));
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
            finally
            {
                _running.TryRemove(sourceId, out _);
            }
        });
        return true;
    }

    private async Task<HarvestRun> RunAsync(string sourceId)
    {
        var began = clock.GetUtcNow();
        try
        {
            var sources = await registry.AllAsync();
            return await harvester.HarvestAsync(sources, sourceId, null, _stopping.Token, retry: Retry);
        }
        catch (HarvestStoppedException e)
        {
            // The run recorded its own failure (or, the catalogue failing, is found dead and interrupted later).
            log.LogWarning(e.InnerException, "Harvest of {Source} failed", sourceId);
            return e.Run;
        }
        catch (Exception e)
        {
            // Whatever fails before a run starts is this source's failure, recorded like any other.
            log.LogWarning(e, "Harvest of {Source} failed", sourceId);
            var failed = new HarvestRun(sourceId, began, clock.GetUtcNow(), "full", "failed", 0, 0, 0, 0, 0, 0, 0,
                [new HarvestError("service", HarvestError.MessageOf(e), "")]);
            await catalog.RecordHarvestAsync(failed, CancellationToken.None);
            return failed;
        }
    }

    /// <summary>Runs still going when the application stops are cancelled (and recorded as such).</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
