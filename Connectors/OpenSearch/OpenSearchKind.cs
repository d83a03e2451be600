using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.OpenSearch;

/// <summary>What an OpenSearch source reads: search terms, a box, an interval.</summary>
public sealed class OpenSearchOptions : SourceOptions
{
    /// <summary>The searchTerms.</summary>
    [FormField("OpenSearch: search terms")]
    public string? Query { get; set; }

    [FormField("OpenSearch: box west,south,east,north")]
    public List<double> Bbox { get; set; } = [];

    [FormField("OpenSearch: interval", Placeholder = "2021-01-01T00:00:00Z/..")]
    public string? Datetime { get; set; }

    public override IEnumerable<string> Problems(string sourceId) => BoxProblem(sourceId, Bbox) is { } box ? [box] : [];
}

/// <summary>An OpenSearch (CEOS/FedEO) service, from its description document.</summary>
public sealed class OpenSearchKind : SourceKind<OpenSearchOptions>
{
    public const string Key = "opensearch";

    public override string Name => Key;

    public override string Describes => "an OpenSearch service (its description document)";

    protected override IHarvestConnector Create(SourceDefinition source, OpenSearchOptions options, HarvestContext context) =>
        new OpenSearchConnector(context.Client, new Uri(source.Url!),
            new OpenSearchLimits(options.Query, options.Bbox, options.Datetime, source.PageSize, source.MaxRecords),
            new OpenSearchMapper(source.Id, source.Title, source.Domain ?? Domains.EarthObservation, context.Missions, context.Clock));
}
