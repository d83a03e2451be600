using Dapper;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Sources;

namespace DiscoveryPortal.Indexer.PostgreSql;

/// <summary>Registered sources in the PostgreSQL catalogue; ids compare by lower(id), unique without case.</summary>
public sealed class PostgreSqlSourceStore(PostgreSqlDatabase database) : ISourceStore
{
    private const string Select = "SELECT definition_json AS Definition, owner AS Owner, created_at AS Created, probe_json AS Probe FROM sources";

    public async Task<IReadOnlyList<RegisteredSource>> AllAsync(CancellationToken ct)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<SourceRow>(new CommandDefinition($"{Select} ORDER BY lower(id)", cancellationToken: ct));
        return rows.Select(r => r.Source).ToList();
    }

    public async Task<RegisteredSource?> FindAsync(string id, CancellationToken ct, CatalogWrite? write = null)
    {
        var row = await database.UseAsync(write, (connection, tx) => connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(
            $"{Select} WHERE lower(id) = lower(@id)", new { id }, tx, cancellationToken: ct)));
        return row?.Source;
    }

    public async Task<bool> AddAsync(CatalogWrite write, RegisteredSource source, CancellationToken ct)
    {
        var row = SourceRow.Of(source);
        // ON CONFLICT rather than catching the violation: an error would abort the write's whole transaction.
        return await write.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sources (id, definition_json, owner, created_at, probe_json) VALUES (@id, @Definition, @Owner, @Created, @Probe) ON CONFLICT (lower(id)) DO NOTHING",
            new { id = source.Definition.Id, row.Definition, row.Owner, row.Created, row.Probe }, write.Transaction, cancellationToken: ct)) == 1;
    }

    public Task ReplaceAsync(CatalogWrite write, SourceDefinition definition, SourceProbeResult? probe, CancellationToken ct) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sources SET definition_json = @definition, probe_json = COALESCE(@probe, probe_json) WHERE lower(id) = lower(@id)",
            new { id = definition.Id, definition = System.Text.Json.JsonSerializer.Serialize(definition, SourceRow.Json), probe = SourceRow.ProbeJson(probe) }, write.Transaction, cancellationToken: ct));

    public async Task<bool> RemoveAsync(CatalogWrite write, string id, CancellationToken ct) =>
        await write.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM sources WHERE lower(id) = lower(@id)", new { id }, write.Transaction, cancellationToken: ct)) == 1;
}
