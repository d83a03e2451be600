namespace DiscoveryPortal.Connectors.Records;

public enum AssetType
{
    Dataset,
    Observation,
    Collection,
    Datalab,
    Tool,
    Software,
    Service,
}
