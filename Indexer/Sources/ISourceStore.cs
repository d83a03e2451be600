using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Sources;

/// <summary>The sources archive teams registered, in the catalogue database; ids compare without case. The rules are <see cref="SourceRegistry"/>'s.</summary>
public interface ISourceStore
{
    /// <summary>Every registered source, by id.</summary>
    Task<IReadOnlyList<RegisteredSource>> AllAsync(CancellationToken ct);

    Task<RegisteredSource?> FindAsync(string id, CancellationToken ct, CatalogWrite? write = null);

    /// <summary>Adds the source inside the write; false when its id is registered already.</summary>
    Task<bool> AddAsync(CatalogWrite write, RegisteredSource source, CancellationToken ct);

    /// <summary>Replaces a source's definition, and the probe's answer when there is a new one.</summary>
    Task ReplaceAsync(CatalogWrite write, Connectors.Harvest.SourceDefinition definition, SourceProbeResult? probe, CancellationToken ct);

    Task<bool> RemoveAsync(CatalogWrite write, string id, CancellationToken ct);
}

/// <summary>A registered source's row as every backend reads it (JSON text, the time as ISO 8601 text).</summary>
public sealed record SourceRow(string Definition, string Owner, string Created, string? Probe)
{
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static SourceRow Of(RegisteredSource source) => new(
        System.Text.Json.JsonSerializer.Serialize(source.Definition, Json), source.Owner, source.CreatedAt.ToString("O"), ProbeJson(source.Probe));

    public static string? ProbeJson(SourceProbeResult? probe) => probe is null ? null : System.Text.Json.JsonSerializer.Serialize(probe, Json);

    public RegisteredSource Source => new(
        System.Text.Json.JsonSerializer.Deserialize<Connectors.Harvest.SourceDefinition>(Definition, Json)!,
        Owner,
        DateTimeOffset.Parse(Created, System.Globalization.CultureInfo.InvariantCulture),
        Probe is null ? null : System.Text.Json.JsonSerializer.Deserialize<SourceProbeResult>(Probe, Json));
}
