using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;

namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>Builds the connector a source definition asks for, through its kind.</summary>
public static class HarvestConnectors
{
    public static IHarvestConnector Create(SourceDefinition source, SourceFile file, HttpClient http, MissionVocabulary missions, TimeProvider clock, RetryPolicy? retry = null)
    {
        var kind = SourceKinds.Find(source.Kind) ?? throw new ArgumentException($"source '{source.Id}': unknown kind '{source.Kind}'");
        if (source.Recorded is { } recorded)
        {
            // Recorded sources run the real connector over their recorded answers instead of the network.
            http = new HttpClient(new RecordedHttpHandler(file.Resolve(recorded)));
        }
        return kind.Create(source, new HarvestContext(file, http, new SourceClient(http, retry), missions, clock, retry));
    }
}
