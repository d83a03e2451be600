using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>Harvests a source named in a sources file: builds its connector and hands it to the runner.</summary>
public sealed class SourceHarvester(HarvestRunner runner, IHttpClientFactory http, MissionVocabulary missions, TimeProvider clock, ResolvedPaths paths)
{
    public const string HttpClientName = "harvest";

    public SourceFile LoadSources(string? file = null) => SourceFile.Load(file ?? paths.Sources);

    public Task<HarvestRun> HarvestAsync(SourceFile sources, string sourceId, IProgress<HarvestProgress>? progress, CancellationToken ct, bool full = false, RetryPolicy? retry = null)
    {
        var source = sources.Find(sourceId);
        var connector = HarvestConnectors.Create(source, sources, http.CreateClient(HttpClientName), missions, clock, retry);
        return runner.RunAsync(source.Id, connector, progress, ct, full);
    }
}
