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

    /// <summary>Whether the asset has another id than the registration (the harvested twin's).</summary>
    public bool Moved => AssetId != RegisteredId;
}

/// <summary>The curated fields in the catalogue database.</summary>
public sealed class CurationStore(SqliteDatabase database, TimeProvider clock)
{
    private const string Select = "SELECT registered_id, asset_id, doi, fields_json, base_json, curator, updated_at FROM curations";

    public async Task<CuratedRecord?> ByRegisteredIdAsync(string id, CancellationToken ct) =>
        (await QueryAsync($"{Select} WHERE registered_id = @id", new { id }, ct)).FirstOrDefault();

    public async Task<CuratedRecord?> ByAssetIdAsync(string id, CancellationToken ct) =>
        (await QueryAsync($"{Select} WHERE asset_id = @id", new { id }, ct)).FirstOrDefault();

    /// <summary>The curations that apply to any of these ids, or whose DOI is among these.</summary>
    public async Task<IReadOnlyList<CuratedRecord>> MatchingAsync(IEnumerable<string> ids, IEnumerable<string> dois, CancellationToken ct) =>
        await QueryAsync($"{Select} WHERE asset_id IN (SELECT value FROM json_each(@ids)) OR doi IN (SELECT value FROM json_each(@dois))",
            new { ids = JsonSerializer.Serialize(ids), dois = JsonSerializer.Serialize(dois) }, ct);

    /// <summary>The live asset with this id, if it came from a harvest rather than a registration.</summary>
    public async Task<AssetRecord?> HarvestedAsync(string id, CancellationToken ct)
    {
        using var connection = database.Open();
        var json = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "SELECT record_json FROM assets WHERE id = @id AND withdrawn_at IS NULL AND id NOT IN (SELECT asset_id FROM curations)", new { id }, cancellationToken: ct));
        return json is null ? null : RecordJson.Deserialize(json);
    }

    /// <summary>A live harvested asset (not itself a registered one) with this DOI, other than the given id.</summary>
    public async Task<AssetRecord?> HarvestedTwinAsync(string doi, string exceptId, CancellationToken ct)
    {
        using var connection = database.Open();
        var json = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "SELECT record_json FROM assets WHERE lower(json_extract(record_json, '$.doi')) = @doi AND withdrawn_at IS NULL AND id <> @exceptId " +
            "AND id NOT IN (SELECT registered_id FROM curations) ORDER BY ordinal LIMIT 1", new { doi, exceptId }, cancellationToken: ct));
        return json is null ? null : RecordJson.Deserialize(json);
    }

    public async Task SaveAsync(string registeredId, string assetId, string? doi, JsonObject fields, AssetRecord? baseRecord, string curator, CancellationToken ct)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO curations (registered_id, asset_id, doi, fields_json, base_json, curator, updated_at) VALUES (@registeredId, @assetId, @doi, @fields, @base, @curator, @now) " +
            "ON CONFLICT(registered_id) DO UPDATE SET asset_id = excluded.asset_id, doi = excluded.doi, fields_json = excluded.fields_json, base_json = excluded.base_json, curator = excluded.curator, updated_at = excluded.updated_at",
            new { registeredId, assetId, doi, fields = fields.ToJsonString(), @base = baseRecord is null ? null : RecordJson.Serialize(baseRecord), curator, now = clock.GetUtcNow().ToString("O") },
            cancellationToken: ct));
    }

    public async Task RemoveAsync(string registeredId, CancellationToken ct)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM curations WHERE registered_id = @registeredId", new { registeredId }, cancellationToken: ct));
    }

    private async Task<IReadOnlyList<CuratedRecord>> QueryAsync(string sql, object args, CancellationToken ct)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(string Registered, string Asset, string? Doi, string Fields, string? Base, string Curator, string Updated)>(
            new CommandDefinition(sql, args, cancellationToken: ct));
        return rows.Select(r => new CuratedRecord(r.Registered, r.Asset, r.Doi, JsonNode.Parse(r.Fields)!.AsObject(), r.Base is null ? null : RecordJson.Deserialize(r.Base),
            r.Curator, DateTimeOffset.Parse(r.Updated, System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }
}
