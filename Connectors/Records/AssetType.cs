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

    /// <summary>Publications, posters, presentations and other documents (Zenodo's non-data resource types).</summary>
    Document,
}
