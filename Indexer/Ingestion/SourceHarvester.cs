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
        var (lease, heldBy) = await leases.TryAcquireAsync(source.Id, ct);
        if (lease is null)
        {
            var now = clock.GetUtcNow();
            return new HarvestRun(source.Id, now, now, "none", "skipped", 0, 0, 0, 0, 0, 0, 0,
                [new HarvestError("lease", $"another run of '{source.Id}' is under way ({heldBy})", "")]);
        }
        await using (lease)
        {
            var connector = HarvestConnectors.Create(source, sources, http.CreateClient(HttpClientName), missions, clock, retry);
            return await runner.RunAsync(source.Id, connector, progress, ct, full);
        }
    }
}
