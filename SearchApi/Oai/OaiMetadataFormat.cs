using System.Xml;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.SearchApi.Oai;

/// <summary>A record as a metadata format writes it: the record, who published it, its page on the portal, its last change.</summary>
public sealed record OaiItem(AssetRecord Record, string Publisher, Uri Page, DateTimeOffset Changed);

/// <summary>A metadata format the repository disseminates: its prefix, schema and namespace, and its writer.</summary>
public sealed record OaiMetadataFormat(string Prefix, string Schema, string Namespace, Action<XmlWriter, OaiItem> Write)
{
    /// <summary>Every format, each for every record: unqualified Dublin Core (required by OAI-PMH) and DataCite 4.</summary>
    public static IReadOnlyList<OaiMetadataFormat> All { get; } =
    [
        new("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", DublinCoreMetadata.Namespace, DublinCoreMetadata.Write),
        new("oai_datacite", "http://schema.datacite.org/meta/kernel-4.6/metadata.xsd", DataCiteMetadata.Namespace, DataCiteMetadata.Write),
    ];

    public static OaiMetadataFormat Get(string prefix) =>
        All.FirstOrDefault(f => f.Prefix == prefix)
        ?? throw new OaiError("cannotDisseminateFormat", $"'{OaiRequest.Short(prefix)}' is not a metadata format of this repository; it offers {string.Join(" and ", All.Select(f => f.Prefix))}.");
}
