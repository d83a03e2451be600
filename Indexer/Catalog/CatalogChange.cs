using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>
/// One numbered change to the catalogue, as an index follows it: the asset as it now is, or no record
/// when it left search (withdrawn or removed). <paramref name="Ordinal"/> is the asset's document number,
/// the same for every version of it.
/// </summary>
public sealed record CatalogChange(long Sequence, string Id, long Ordinal, AssetRecord? Record);
