using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Tap;

namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>Builds the connector a source definition asks for.</summary>
public static class HarvestConnectors
{
    public static IHarvestConnector Create(SourceDefinition source, SourceFile file, HttpClient http, MissionVocabulary missions, TimeProvider clock, RetryPolicy? retry = null)
    {
        var mapper = new ObsCoreMapper(source.Id, source.Title, missions, clock);
        var rollup = new CollectionRollup(source.Id, source.Title, mapper, clock);
        return source.Kind switch
        {
            SourceKinds.TapObsCore => new TapObsCoreConnector(
                new TapClient(http, new Uri(source.Url!), retry), mapper, rollup,
                new TapTableOptions(source.Table, source.KeyColumn, source.ModifiedColumn, source.PageSize, source.UseAsyncJobs)),
            SourceKinds.RegTap => new RegTapConnector(new TapClient(http, new Uri(source.Url!), retry), source.Id, clock, source.PageSize),
            SourceKinds.RecordedObsCore => new RecordedObsCoreConnector(file.FilesOf(source), mapper, rollup),
            _ => throw new ArgumentException($"source '{source.Id}': unknown kind '{source.Kind}'"),
        };
    }
}
