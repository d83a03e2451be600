namespace DiscoveryPortal.Indexer.Launch;

/// <summary>One file of a data manifest: where to fetch it, the name it gets in the session, and what is known of it.</summary>
public sealed record ManifestFile(string Url, string Name, string AssetId, string? Format, long? SizeBytes, string? Checksum);

/// <summary>One record of a data manifest, as it was when the selection was frozen.</summary>
public sealed record ManifestItem(string Id, string Title, string Source, string? Doi, string? LandingPage, IReadOnlyList<string> ProductTypes);

/// <summary>
/// A selection frozen for a launch: the records and every file to attach, with sizes and checksums
/// where known. Immutable once stored; its unguessable id is the only way to read it.
/// </summary>
public sealed record DataManifest(string Id, DateTimeOffset Created, string? ToolId, IReadOnlyList<ManifestItem> Items, IReadOnlyList<ManifestFile> Files);

/// <summary>One launch: which tool on which facility for which manifest, and how it went.</summary>
public sealed record LaunchRecord(string Id, string ManifestId, string ToolId, string FacilityId, string? User, string Status, string? SessionUrl, string? Error, DateTimeOffset StartedAt, long? ReadyMs);
