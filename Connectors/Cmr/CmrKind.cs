using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Cmr;

/// <summary>What a CMR source reads: collections or granules, narrowed by provider, collection, words, box and time.</summary>
public sealed class CmrOptions : SourceOptions
{
    public const string Collections = "collections";
    public const string Granules = "granules";

    /// <summary><c>collections</c> or <c>granules</c>.</summary>
    [FormField("CMR: collections or granules", Placeholder = Collections)]
    public string ConceptType { get; set; } = Collections;

    /// <summary>A CMR provider (POCLOUD, LAADS, NSIDC_ECS, ...).</summary>
    [FormField("CMR: provider", Placeholder = "POCLOUD")]
    public string? Provider { get; set; }

    /// <summary>A collection's short name (for granules: the collection whose granules are read).</summary>
    [FormField("CMR: collection short name", Placeholder = "TELLUS_GRAC_L3_JPL_RL06_LND_v04")]
    public string? ShortName { get; set; }

    /// <summary>Granules: the collections (concept ids) whose granules are read.</summary>
    [FormField("CMR: collection concept ids (comma-separated)")]
    public List<string> CollectionConceptIds { get; set; } = [];

    /// <summary>CMR's keyword search over collections' text.</summary>
    [FormField("CMR: keyword")]
    public string? Keyword { get; set; }

    [FormField("CMR: box west,south,east,north")]
    public List<double> Bbox { get; set; } = [];

    /// <summary>CMR's temporal range, <c>start,end</c> (either may be empty).</summary>
    [FormField("CMR: temporal start,end", Placeholder = "2020-01-01T00:00:00Z,2020-12-31T23:59:59Z")]
    public string? Temporal { get; set; }

    public override IEnumerable<string> Problems(string sourceId)
    {
        if (ConceptType is not (Collections or Granules))
        {
            yield return $"source '{sourceId}': conceptType '{ConceptType}' is not '{Collections}' or '{Granules}'";
        }
        if (ConceptType == Granules && string.IsNullOrWhiteSpace(Provider) && string.IsNullOrWhiteSpace(ShortName) && CollectionConceptIds.Count == 0)
        {
            // CMR refuses granule searches that name no collection or provider.
            yield return $"source '{sourceId}': a granule source names a provider, a shortName or collectionConceptIds";
        }
        if (BoxProblem(sourceId, Bbox) is { } box)
        {
            yield return box;
        }
        if (Temporal is not null && (Temporal.Split(',') is not { Length: 2 } ends || ends.Any(e => e.Length > 0 && Normalisation.JsonFields.ParseTime(e) is null)))
        {
            yield return $"source '{sourceId}': temporal '{Temporal}' is not start,end in ISO 8601 (either may be empty)";
        }
    }
}

/// <summary>NASA's Common Metadata Repository: collections or granules in UMM-JSON, paged with search-after.</summary>
public sealed class CmrKind : SourceKind<CmrOptions>
{
    public const string Key = "cmr";

    public override string Name => Key;

    public override string Describes => "NASA CMR collections or granules (the search root, e.g. https://cmr.earthdata.nasa.gov/search/)";

    public override int FormPageSize => 200;

    protected override IHarvestConnector Create(SourceDefinition source, CmrOptions options, HarvestContext context) =>
        new CmrConnector(context.Client, new Uri(source.Url!), options, source.PageSize, source.MaxRecords,
            new CmrMapper(source.Id, source.Title, source.Domain ?? Domains.EarthObservation, context.Missions, context.Clock));
}
