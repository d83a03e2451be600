using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>Harvests a source named in a sources file: builds its connector and hands it to the runner.</summary>
public sealed class SourceHarvester(HarvestRunner runner, HarvestLeases leases, IHttpClientFactory http, MissionVocabulary missions, TimeProvider clock, ResolvedPaths paths)
{
    public const string HttpClientName = "harvest";

    public SourceFile LoadSources(string? file = null) => SourceFile.Load(file ?? paths.Sources);

    /// <summary>
    /// Runs one harvest of the source, unless another process is harvesting it: then the answer is a run
    /// with status "skipped" that says who holds it, and nothing is read or recorded.
    /// </summary>
    public async Task<HarvestRun> HarvestAsync(SourceFile sources, string sourceId, IProgress<HarvestProgress>? progress, CancellationToken ct, bool full = false, RetryPolicy? retry = null)
    {
        var source = sources.Find(sourceId);
        return await HarvestAsync(source.Id, () => HarvestConnectors.Create(source, sources, http.CreateClient(HttpClientName), missions, clock, retry), progress, ct, full);
    }

    /// <summary>Runs one harvest of the source through the connector <paramref name="connect"/> makes, under the source's lease.</summary>
    public async Task<HarvestRun> HarvestAsync(string sourceId, Func<IHarvestConnector> connect, IProgress<HarvestProgress>? progress, CancellationToken ct, bool full = false)
    {
        var (lease, heldBy) = await leases.TryAcquireAsync(sourceId, ct);
        if (lease is null)
        {
            var now = clock.GetUtcNow();
            return new HarvestRun(sourceId, now, now, "none", "skipped", 0, 0, 0, 0, 0, 0, 0,
                [new HarvestError("lease", $"another run of '{sourceId}' is under way ({heldBy})", "")]);
        }
        await using (lease)
        {
            // Holding the lease, any other run of the source still recorded as running is dead: it was killed.
            await leases.InterruptDeadRunsAsync(sourceId, ct);
            return await runner.RunAsync(sourceId, connect(), progress, ct, full, lease.Holder);
        }
    }
}
