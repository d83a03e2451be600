using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.OaiPmh;

/// <summary>What an OAI-PMH source reads: the records of one metadata format, of one set or all.</summary>
public sealed class OaiPmhOptions : SourceOptions
{
    public const string DublinCore = "oai_dc";
    public const string VoResource = "ivo_vor";
    public const string DataCite = "oai_datacite";

    /// <summary>The formats the mapping reads.</summary>
    public static IReadOnlyList<string> Formats { get; } = [DublinCore, VoResource, DataCite];

    [FormField("OAI-PMH: metadata format (oai_dc, oai_datacite or ivo_vor)", Placeholder = DublinCore)]
    public string MetadataPrefix { get; set; } = DublinCore;

    [FormField("OAI-PMH: set", Placeholder = "ivo_managed")]
    public string? Set { get; set; }

    public override IEnumerable<string> Problems(string sourceId)
    {
        if (!Formats.Contains(MetadataPrefix))
        {
            yield return $"source '{sourceId}': metadataPrefix '{MetadataPrefix}' is not one of {string.Join(", ", Formats)}";
        }
    }
}

/// <summary>An OAI-PMH repository (a publishing registry, an institutional repository), by ListRecords.</summary>
public sealed class OaiPmhKind : SourceKind<OaiPmhOptions>
{
    public const string Key = "oai-pmh";

    public override string Name => Key;

    public override string Describes => "an OAI-PMH repository (its base URL), in oai_dc, oai_datacite or ivo_vor";

    protected override IHarvestConnector Create(SourceDefinition source, OaiPmhOptions options, HarvestContext context) =>
        new OaiPmhConnector(context.Client, new Uri(source.Url!), options, source.MaxRecords,
            new OaiPmhMapper(source.Id, source.Title, source.Domain ?? (options.MetadataPrefix == OaiPmhOptions.VoResource ? Domains.SpaceScience : Domains.Multidisciplinary), context.Clock));
}
