using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Curation;

/// <summary>A registered record's curated fields, and the asset they apply to.</summary>
public sealed record CuratedRecord(string RegisteredId, string AssetId, string? Doi, JsonObject Fields, AssetRecord? Base, string Curator, DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the fields lie over a harvested record (rather than standing as their own asset).</summary>
    public bool OverHarvest => Base is not null;

    /// <summary>The source the team registered the record under (the part of its id before the colon).</summary>
    public string RegisteredSourceId => RegisteredId[..RegisteredId.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>Whether the asset has another id than the registration (the harvested twin's).</summary>
    public bool Moved => AssetId != RegisteredId;
}

/// <summary>
/// The curated fields in the catalogue database. Reads and writes made for a registration take its
/// <see cref="CatalogWrite"/>, so they see what it did and commit with its asset row and audit entry.
/// </summary>
public sealed class CurationStore(SqliteDatabase database, TimeProvider clock)
{
    private const string Select = "SELECT registered_id, asset_id, doi, fields_json, base_json, curator, updated_at FROM curations";

    public async Task<CuratedRecord?> ByRegisteredIdAsync(string id, CancellationToken ct, CatalogWrite? write = null) =>
        (await QueryAsync($"{Select} WHERE registered_id = @id", new { id }, ct, write)).FirstOrDefault();

    public async Task<CuratedRecord?> ByAssetIdAsync(string id, CancellationToken ct, CatalogWrite? write = null) =>
        (await QueryAsync($"{Select} WHERE asset_id = @id", new { id }, ct, write)).FirstOrDefault();

    /// <summary>The curations that apply to any of these ids, or whose DOI is among these.</summary>
    public async Task<IReadOnlyList<CuratedRecord>> MatchingAsync(IEnumerable<string> ids, IEnumerable<string> dois, CancellationToken ct, CatalogWrite? write = null) =>
        await QueryAsync($"{Select} WHERE asset_id IN (SELECT value FROM json_each(@ids)) OR doi IN (SELECT value FROM json_each(@dois))",
            new { ids = JsonSerializer.Serialize(ids), dois = JsonSerializer.Serialize(dois) }, ct, write);

    /// <summary>The curations registered under any of these ids, by registered id.</summary>
    public async Task<Dictionary<string, CuratedRecord>> ByRegisteredIdsAsync(IEnumerable<string> ids, CancellationToken ct, CatalogWrite? write = null) =>
        (await QueryAsync($"{Select} WHERE registered_id IN (SELECT value FROM json_each(@ids))", new { ids = JsonSerializer.Serialize(ids) }, ct, write))
            .ToDictionary(c => c.RegisteredId, StringComparer.Ordinal);

    /// <summary>Of these ids, the live assets that came from a harvest rather than a registration.</summary>
    public async Task<Dictionary<string, AssetRecord>> HarvestedAsync(IEnumerable<string> ids, CancellationToken ct, CatalogWrite? write = null)
    {
        var rows = await database.UseAsync(write, (connection, tx) => connection.QueryAsync<string>(new CommandDefinition(
            "SELECT record_json FROM assets WHERE id IN (SELECT value FROM json_each(@ids)) AND withdrawn_at IS NULL AND id NOT IN (SELECT asset_id FROM curations)",
            new { ids = JsonSerializer.Serialize(ids) }, tx, cancellationToken: ct)));
        return rows.Select(RecordJson.Deserialize).ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>For each of these DOIs, the oldest live harvested asset (not a registered one) that has it.</summary>
    public async Task<Dictionary<string, AssetRecord>> HarvestedTwinsAsync(IEnumerable<string> dois, CancellationToken ct, CatalogWrite? write = null)
    {
        var rows = await database.UseAsync(write, (connection, tx) => connection.QueryAsync<string>(new CommandDefinition(
            "SELECT record_json FROM assets WHERE lower(json_extract(record_json, '$.doi')) IN (SELECT value FROM json_each(@dois)) AND withdrawn_at IS NULL " +
            "AND id NOT IN (SELECT registered_id FROM curations) ORDER BY ordinal",
            new { dois = JsonSerializer.Serialize(dois) }, tx, cancellationToken: ct)));
        var twins = new Dictionary<string, AssetRecord>(StringComparer.Ordinal);
        foreach (var record in rows.Select(RecordJson.Deserialize))
        {
            twins.TryAdd(DoiName.Key(record.Doi)!, record);
        }
        return twins;
    }

    /// <summary>Saves curations inside the write of their assets; a registered id saved before is replaced.</summary>
    public async Task SaveAllAsync(CatalogWrite write, IReadOnlyList<CuratedRecord> curated, CancellationToken ct)
    {
        var (connection, tx) = (write.Connection, write.Transaction);
        var now = clock.GetUtcNow().ToString("O");
        foreach (var c in curated)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO curations (registered_id, asset_id, doi, fields_json, base_json, curator, updated_at) VALUES (@registeredId, @assetId, @doi, @fields, @base, @curator, @now) " +
                "ON CONFLICT(registered_id) DO UPDATE SET asset_id = excluded.asset_id, doi = excluded.doi, fields_json = excluded.fields_json, base_json = excluded.base_json, curator = excluded.curator, updated_at = excluded.updated_at",
                new { registeredId = c.RegisteredId, assetId = c.AssetId, doi = c.Doi, fields = c.Fields.ToJsonString(), @base = c.Base is null ? null : RecordJson.Serialize(c.Base), curator = c.Curator, now },
                tx, cancellationToken: ct));
        }
    }

    public Task RemoveAsync(CatalogWrite write, string registeredId, CancellationToken ct) =>
        write.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM curations WHERE registered_id = @registeredId", new { registeredId }, write.Transaction, cancellationToken: ct));

    private async Task<IReadOnlyList<CuratedRecord>> QueryAsync(string sql, object args, CancellationToken ct, CatalogWrite? write)
    {
        var rows = await database.UseAsync(write, (connection, tx) => connection.QueryAsync<(string Registered, string Asset, string? Doi, string Fields, string? Base, string Curator, string Updated)>(
            new CommandDefinition(sql, args, tx, cancellationToken: ct)));
        return rows.Select(r => new CuratedRecord(r.Registered, r.Asset, r.Doi, JsonNode.Parse(r.Fields)!.AsObject(), r.Base is null ? null : RecordJson.Deserialize(r.Base),
            r.Curator, DateTimeOffset.Parse(r.Updated, System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }
}
