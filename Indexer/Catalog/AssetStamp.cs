namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>A live asset's id and the time of its last change, as a sitemap lists it.</summary>
public sealed record AssetStamp(string Id, DateTimeOffset UpdatedAt);

/// <summary>
/// The live assets whose document number is in a range, in that order, and the highest document number the
/// catalogue has given: fixed ranges of document numbers page a listing of every asset without reading the ones before.
/// </summary>
public sealed record StampRange(IReadOnlyList<AssetStamp> Assets, long LastOrdinal);
