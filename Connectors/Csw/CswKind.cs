using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Csw;

/// <summary>What a CSW source reads: the records of one type, narrowed by a CQL constraint.</summary>
public sealed class CswOptions : SourceOptions
{
    [FormField("CSW: record type", Placeholder = "gmd:MD_Metadata")]
    public string TypeNames { get; set; } = "gmd:MD_Metadata";

    [FormField("CSW: CQL constraint", Placeholder = "AnyText LIKE '%Sentinel%'")]
    public string? Constraint { get; set; }

    public override IEnumerable<string> Problems(string sourceId)
    {
        if (string.IsNullOrWhiteSpace(TypeNames))
        {
            yield return $"source '{sourceId}': typeNames must name a record type (gmd:MD_Metadata)";
        }
        if (Constraint?.Contains('\n', StringComparison.Ordinal) == true)
        {
            yield return $"source '{sourceId}': constraint must be one line of CQL";
        }
    }
}

/// <summary>An OGC CSW 2.0.2 catalogue (national and ESA Earth-observation catalogues, FedEO), in ISO 19139.</summary>
public sealed class CswKind : SourceKind<CswOptions>
{
    public const string Key = "csw";

    public override string Name => Key;

    public override string Describes => "an OGC CSW 2.0.2 catalogue (its endpoint URL), read in ISO 19139";

    public override int FormPageSize => 100;

    protected override IHarvestConnector Create(SourceDefinition source, CswOptions options, HarvestContext context) =>
        new CswConnector(context.Client, new Uri(source.Url!), options, source.PageSize, source.MaxRecords,
            new IsoMetadataMapper(source.Id, source.Title, source.Domain ?? Domains.EarthObservation, context.Clock));
}
