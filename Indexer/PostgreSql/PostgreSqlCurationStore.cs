using Dapper;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Curation;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.PostgreSql;

/// <summary>The curated fields in the PostgreSQL catalogue.</summary>
public sealed class PostgreSqlCurationStore(PostgreSqlDatabase database, TimeProvider clock, ILogger<PostgreSqlCurationStore> logger) : ICurationStore
{
    private const string Select = $"SELECT {CurationRow.Columns} FROM curations";

    public async Task<CuratedRecord?> ByRegisteredIdAsync(string id, CancellationToken ct, CatalogWrite? write = null) =>
        (await QueryAsync($"{Select} WHERE registered_id = @id", new { id }, ct, write)).FirstOrDefault();

    public async Task<CuratedRecord?> ByAssetIdAsync(string id, CancellationToken ct, CatalogWrite? write = null) =>
        (await QueryAsync($"{Select} WHERE asset_id = @id", new { id }, ct, write)).FirstOrDefault();

    public async Task<IReadOnlyList<CuratedRecord>> MatchingAsync(IEnumerable<string> ids, IEnumerable<string> dois, CancellationToken ct, CatalogWrite? write = null) =>
        await QueryAsync($"{Select} WHERE asset_id = ANY(@ids) OR doi = ANY(@dois)", new { ids = ids.ToArray(), dois = dois.ToArray() }, ct, write);

    public async Task<Dictionary<string, CuratedRecord>> ByRegisteredIdsAsync(IEnumerable<string> ids, CancellationToken ct, CatalogWrite? write = null) =>
        (await QueryAsync($"{Select} WHERE registered_id = ANY(@ids)", new { ids = ids.ToArray() }, ct, write)).ToDictionary(c => c.RegisteredId, StringComparer.Ordinal);

    public async Task<Dictionary<string, AssetRecord>> HarvestedAsync(IEnumerable<string> ids, CancellationToken ct, CatalogWrite? write = null)
    {
        var rows = await database.UseAsync(write, (connection, tx) => connection.QueryAsync<(string Id, byte[] Record)>(new CommandDefinition(
            "SELECT id, record FROM assets WHERE id = ANY(@ids) AND withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM curations c WHERE c.asset_id = assets.id)",
            new { ids = ids.ToArray() }, tx, cancellationToken: ct)));
        return AssetRow.Contents(rows, logger).ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public async Task<Dictionary<string, AssetRecord>> HarvestedTwinsAsync(IEnumerable<string> dois, CancellationToken ct, CatalogWrite? write = null)
    {
        var rows = await database.UseAsync(write, (connection, tx) => connection.QueryAsync<(string Id, byte[] Record)>(new CommandDefinition(
            "SELECT id, record FROM assets WHERE doi = ANY(@dois) AND withdrawn_at IS NULL " +
            "AND NOT EXISTS (SELECT 1 FROM curations c WHERE c.registered_id = assets.id) ORDER BY ordinal",
            new { dois = dois.ToArray() }, tx, cancellationToken: ct)));
        return CurationRow.Twins(AssetRow.Contents(rows, logger));
    }

    public async Task SaveAllAsync(CatalogWrite write, IReadOnlyList<CuratedRecord> curated, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToString("O");
        foreach (var c in curated)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO curations (registered_id, asset_id, doi, fields_json, base_json, curator, updated_at) VALUES (@registeredId, @assetId, @doi, @fields, @base, @curator, @now) " +
                "ON CONFLICT (registered_id) DO UPDATE SET asset_id = excluded.asset_id, doi = excluded.doi, fields_json = excluded.fields_json, base_json = excluded.base_json, curator = excluded.curator, updated_at = excluded.updated_at",
                CurationRow.Args(c, now), write.Transaction, cancellationToken: ct));
        }
    }

    public Task RemoveAsync(CatalogWrite write, string registeredId, CancellationToken ct) =>
        write.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM curations WHERE registered_id = @registeredId", new { registeredId }, write.Transaction, cancellationToken: ct));

    private async Task<IReadOnlyList<CuratedRecord>> QueryAsync(string sql, object args, CancellationToken ct, CatalogWrite? write)
    {
        var rows = await database.UseAsync(write, (connection, tx) => connection.QueryAsync<CurationRow>(new CommandDefinition(sql, args, tx, cancellationToken: ct)));
        return rows.Select(r => r.Curated).ToList();
    }
}
