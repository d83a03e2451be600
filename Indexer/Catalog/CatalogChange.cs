using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>
/// One numbered change to the catalogue, as an index follows it: the asset as it now is, or no record
/// when it left search (withdrawn or removed). <paramref name="Ordinal"/> is the asset's document number,
/// the same for every version of it. <paramref name="New"/> says no index following the catalogue can
/// hold the asset yet (it was just added, or the changes are read from the start), so it is added without a look-up.
/// </summary>
public sealed record CatalogChange(long Sequence, string Id, long Ordinal, AssetRecord? Record, bool New = false);
