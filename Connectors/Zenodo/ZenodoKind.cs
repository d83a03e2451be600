using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Zenodo;

/// <summary>What a Zenodo source reads: a community, a resource type, a query.</summary>
public sealed class ZenodoOptions : SourceOptions
{
    [FormField("Zenodo: community", Placeholder = "escape2020")]
    public string? Community { get; set; }

    [FormField("Zenodo: resource type", Placeholder = "software")]
    public string? ResourceType { get; set; }

    [FormField("Zenodo: search terms")]
    public string? Query { get; set; }
}

/// <summary>Zenodo's REST API (<c>/api/records</c>), by community, resource type and text.</summary>
public sealed class ZenodoKind : SourceKind<ZenodoOptions>
{
    public const string Key = "zenodo";

    public override string Name => Key;

    public override string Describes => "Zenodo's /api/records (a community, a resource type, a query)";

    public override int FormPageSize => ZenodoConnector.LargestPage;

    protected override IHarvestConnector Create(SourceDefinition source, ZenodoOptions options, HarvestContext context) =>
        new ZenodoConnector(context.Client, new Uri(source.Url!),
            new ZenodoQuery(options.Community, options.ResourceType, options.Query, source.PageSize, source.MaxRecords),
            new ZenodoMapper(source.Id, source.Title, source.Domain ?? Domains.Multidisciplinary, context.Missions, context.Clock));
}
