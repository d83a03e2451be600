using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Sources;

/// <summary>A source an archive team registered: its definition, who registered it, and what its probe answered.</summary>
public sealed record RegisteredSource(SourceDefinition Definition, string Owner, DateTimeOffset CreatedAt, SourceProbeResult? Probe);

/// <summary>A registration that cannot be made; the message says why.</summary>
public sealed class SourceRegistrationException(string message) : Exception(message);

/// <summary>
/// Every source the portal harvests: those of the sources file (the deployment's own) and those archive
/// teams registered, kept in the catalogue database. Ids are unique across both.
/// </summary>
public sealed class SourceRegistry(ISourceStore store, ResolvedPaths paths, TimeProvider clock)
{
    /// <summary>The sources file with the registered sources added to it.</summary>
    public async Task<SourceFile> AllAsync(string? file = null, CancellationToken ct = default)
    {
        var sources = SourceFile.Load(file ?? paths.Sources);
        var listed = sources.Sources.Select(s => s.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        sources.Sources.AddRange((await RegisteredAsync(ct)).Select(r => r.Definition).Where(d => !listed.Contains(d.Id)));
        return sources;
    }

    /// <summary>A source of the file or a registered one, by id (case-insensitive), or null.</summary>
    public async Task<SourceDefinition?> DefinitionAsync(string id, CancellationToken ct) =>
        (await AllAsync(ct: ct)).Sources.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));

    public Task<IReadOnlyList<RegisteredSource>> RegisteredAsync(CancellationToken ct) => store.AllAsync(ct);

    public Task<RegisteredSource?> FindAsync(string id, CancellationToken ct, CatalogWrite? write = null) => store.FindAsync(id, ct, write);

    /// <summary>Saves a new registered source inside the write (with its audit entry); an id the sources file or another registration uses is refused.</summary>
    public async Task<RegisteredSource> AddAsync(CatalogWrite write, SourceDefinition definition, string owner, SourceProbeResult probe, CancellationToken ct)
    {
        if (SourceFile.Load(paths.Sources).Sources.Any(s => string.Equals(s.Id, definition.Id, StringComparison.OrdinalIgnoreCase)))
        {
            throw new SourceRegistrationException($"source id '{definition.Id}' is taken by the deployment's sources file");
        }
        var source = new RegisteredSource(definition, owner, clock.GetUtcNow(), probe);
        if (!await store.AddAsync(write, source, ct))
        {
            throw new SourceRegistrationException($"source id '{definition.Id}' is registered already");
        }
        return source;
    }

    /// <summary>Replaces a registered source's definition (and the probe's answer, when it was probed again).</summary>
    public async Task<RegisteredSource> ReplaceAsync(CatalogWrite write, SourceDefinition definition, SourceProbeResult? probe, CancellationToken ct)
    {
        await store.ReplaceAsync(write, definition, probe, ct);
        return (await FindAsync(definition.Id, ct, write))!;
    }

    /// <summary>Forgets a registered source: no more harvests. What it brought stays in the catalogue.</summary>
    public Task<bool> RemoveAsync(CatalogWrite write, string id, CancellationToken ct) => store.RemoveAsync(write, id, ct);
}
