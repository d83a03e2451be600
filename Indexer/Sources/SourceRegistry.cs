using System.Text.Json;
using Dapper;
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
public sealed class SourceRegistry(SqliteDatabase database, ResolvedPaths paths, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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

    public async Task<IReadOnlyList<RegisteredSource>> RegisteredAsync(CancellationToken ct)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(string Definition, string Owner, string Created, string? Probe)>(new CommandDefinition(
            "SELECT definition_json, owner, created_at, probe_json FROM sources ORDER BY id", cancellationToken: ct));
        return rows.Select(Read).ToList();
    }

    public async Task<RegisteredSource?> FindAsync(string id, CancellationToken ct, CatalogWrite? write = null)
    {
        var row = await database.UseAsync(write, (connection, tx) => connection.QuerySingleOrDefaultAsync<(string Definition, string Owner, string Created, string? Probe)?>(new CommandDefinition(
            "SELECT definition_json, owner, created_at, probe_json FROM sources WHERE id = @id", new { id }, tx, cancellationToken: ct)));
        return row is { } r ? Read(r) : null;
    }

    /// <summary>Saves a new registered source inside the write (with its audit entry); an id the sources file or another registration uses is refused.</summary>
    public async Task<RegisteredSource> AddAsync(CatalogWrite write, SourceDefinition definition, string owner, SourceProbeResult probe, CancellationToken ct)
    {
        if (SourceFile.Load(paths.Sources).Sources.Any(s => string.Equals(s.Id, definition.Id, StringComparison.OrdinalIgnoreCase)))
        {
            throw new SourceRegistrationException($"source id '{definition.Id}' is taken by the deployment's sources file");
        }
        var created = clock.GetUtcNow();
        try
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO sources (id, definition_json, owner, created_at, probe_json) VALUES (@id, @definition, @owner, @created, @probe)",
                new { id = definition.Id, definition = JsonSerializer.Serialize(definition, Json), owner, created = created.ToString("O"), probe = JsonSerializer.Serialize(probe, Json) },
                write.Transaction, cancellationToken: ct));
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new SourceRegistrationException($"source id '{definition.Id}' is registered already");
        }
        return new RegisteredSource(definition, owner, created, probe);
    }

    /// <summary>Replaces a registered source's definition (and the probe's answer, when it was probed again).</summary>
    public async Task<RegisteredSource> ReplaceAsync(CatalogWrite write, SourceDefinition definition, SourceProbeResult? probe, CancellationToken ct)
    {
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sources SET definition_json = @definition, probe_json = COALESCE(@probe, probe_json) WHERE id = @id",
            new { id = definition.Id, definition = JsonSerializer.Serialize(definition, Json), probe = probe is null ? null : JsonSerializer.Serialize(probe, Json) }, write.Transaction, cancellationToken: ct));
        return (await FindAsync(definition.Id, ct, write))!;
    }

    /// <summary>Forgets a registered source: no more harvests. What it brought stays in the catalogue.</summary>
    public async Task<bool> RemoveAsync(CatalogWrite write, string id, CancellationToken ct) =>
        await write.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM sources WHERE id = @id", new { id }, write.Transaction, cancellationToken: ct)) == 1;

    private static RegisteredSource Read((string Definition, string Owner, string Created, string? Probe) row) => new(
        JsonSerializer.Deserialize<SourceDefinition>(row.Definition, Json)!,
        row.Owner,
        DateTimeOffset.Parse(row.Created, System.Globalization.CultureInfo.InvariantCulture),
        row.Probe is null ? null : JsonSerializer.Deserialize<SourceProbeResult>(row.Probe, Json));
}
