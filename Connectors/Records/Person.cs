namespace DiscoveryPortal.Connectors.Records;

public sealed record Person(string Name, string? Orcid = null, string? Affiliation = null);
