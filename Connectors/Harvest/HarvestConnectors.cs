using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.OpenSearch;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.Stac;
using DiscoveryPortal.Connectors.Tap;
using DiscoveryPortal.Connectors.Zenodo;

namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>Builds the connector a source definition asks for.</summary>
public static class HarvestConnectors
{
    public static IHarvestConnector Create(SourceDefinition source, SourceFile file, HttpClient http, MissionVocabulary missions, TimeProvider clock, RetryPolicy? retry = null)
    {
        if (source.Recorded is { } recorded)
        {
            // Recorded sources run the real connector over their recorded answers instead of the network.
            http = new HttpClient(new RecordedHttpHandler(file.Resolve(recorded)));
        }
        var client = new SourceClient(http, retry);
        switch (source.Kind)
        {
            case SourceKinds.Zenodo:
                return new ZenodoConnector(client, new Uri(source.Url!),
                    new ZenodoQuery(source.Community, source.ResourceType, source.Query, source.PageSize, source.MaxRecords),
                    new ZenodoMapper(source.Id, source.Title, source.Domain ?? Domains.Multidisciplinary, missions, clock));
            case SourceKinds.StacApi:
                return new StacApiConnector(client, new Uri(source.Url!),
                    new StacLimits(source.Collections, source.Bbox, source.Datetime, source.PageSize, source.MaxRecords, source.CollectionsOnly),
                    new StacMapper(source.Id, source.Title, source.Domain ?? Domains.EarthObservation, missions, clock));
            case SourceKinds.StacStatic:
                var root = Uri.TryCreate(source.Url, UriKind.Absolute, out var absolute) ? absolute : new Uri(file.Resolve(source.Url!));
                return new StacStaticConnector(client, root, new StacMapper(source.Id, source.Title, source.Domain ?? Domains.EarthObservation, missions, clock), source.MaxRecords);
            case SourceKinds.OpenSearch:
                return new OpenSearchConnector(client, new Uri(source.Url!),
                    new OpenSearchLimits(source.Query, source.Bbox, source.Datetime, source.PageSize, source.MaxRecords),
                    new OpenSearchMapper(source.Id, source.Title, source.Domain ?? Domains.EarthObservation, missions, clock));
        }
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
