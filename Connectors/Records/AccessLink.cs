namespace DiscoveryPortal.Connectors.Records;

/// <summary>A place the data can be fetched from, with what is known about the file behind it.</summary>
public sealed record AccessLink(string Url, string? Title = null, string? Format = null, long? SizeBytes = null, string? Checksum = null);
