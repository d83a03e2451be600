using System.Globalization;
using Dapper;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Analysis;
using Microsoft.Data.Sqlite;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>
/// The catalogue in SQLite. The full-text index follows it through triggers, so a record and its
/// index entry always change in the same transaction.
/// </summary>
public sealed class SqliteCatalogStore(SqliteDatabase database, MissionVocabulary missions, TimeProvider clock) : ICatalogStore
{
    private const string Columns =
        "id, source_id, record_json, native, native_type, content_hash, harvested_at, updated_at, withdrawn_at, " +
        "domain, mission, mission_family, asset_type, instruments, product_types, wavebands, formats, " +
        "ra, dec, radius, west, south, east, north, t_start, t_end, newest, title_sort, " +
        "t_title, t_keywords, t_mission, t_instrument, t_author, t_description, t_doi";

    private static readonly string[] ColumnNames = Columns.Split(", ");

    public Task<UpsertResult> UpsertAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken ct)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var added = new List<string>();
        var updated = new List<string>();
        var unchanged = 0;

        using var find = connection.CreateCommand();
        find.Transaction = tx;
        find.CommandText = "SELECT content_hash, withdrawn_at IS NOT NULL FROM assets WHERE id = $id";
        var findId = find.Parameters.Add("$id", SqliteType.Text);

        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO assets ({Columns}) VALUES ({string.Join(", ", ColumnNames.Select(c => "$" + c))})";
        using var update = connection.CreateCommand();
        update.Transaction = tx;
        update.CommandText = $"UPDATE assets SET {string.Join(", ", ColumnNames.Skip(1).Select(c => $"{c} = ${c}"))} WHERE id = $id";
        foreach (var name in ColumnNames)
        {
            insert.Parameters.Add("$" + name, SqliteType.Text);
            update.Parameters.Add("$" + name, SqliteType.Text);
        }
        insert.Prepare();
        update.Prepare();

        var now = clock.GetUtcNow();
        foreach (var entry in entries)
        {
            ct.ThrowIfCancellationRequested();
            var record = entry.Record;
            var hash = RecordJson.ContentHash(record);
            findId.Value = record.Id;
            string? storedHash = null;
            var withdrawn = false;
            using (var reader = find.ExecuteReader())
            {
                if (reader.Read())
                {
                    storedHash = reader.GetString(0);
                    withdrawn = reader.GetBoolean(1);
                }
            }
            if (storedHash == hash && !withdrawn)
            {
                unchanged++;
                continue;
            }
            var command = storedHash is null ? insert : update;
            Bind(command, entry, hash, now);
            command.ExecuteNonQuery();
            (storedHash is null ? added : updated).Add(record.Id);
        }
        tx.Commit();
        return Task.FromResult(new UpsertResult(added, updated, unchanged));
    }

    public async Task<StoredAsset?> GetAsync(string id, CancellationToken ct)
    {
        using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<AssetRow>(new CommandDefinition(
            "SELECT record_json AS RecordJson, native AS Native, native_type AS NativeType, updated_at AS UpdatedAt, withdrawn_at AS WithdrawnAt FROM assets WHERE id = @id",
            new { id }, cancellationToken: ct));
        return row is null ? null : new StoredAsset(RecordJson.Deserialize(row.RecordJson), row.Native, row.NativeType,
            ParseTime(row.UpdatedAt)!.Value, ParseTime(row.WithdrawnAt));
    }

    /// <summary>Records by document number, in the order asked, skipping withdrawn ones.</summary>
    public IReadOnlyList<(int Ordinal, AssetRecord Record)> GetByOrdinals(IReadOnlyList<int> ordinals)
    {
        if (ordinals.Count == 0)
        {
            return [];
        }
        using var connection = database.Open();
        var rows = connection.Query<(long Ordinal, string Json)>(
            "SELECT ordinal, record_json FROM assets WHERE withdrawn_at IS NULL AND ordinal IN @ordinals", new { ordinals });
        var byOrdinal = rows.ToDictionary(r => (int)r.Ordinal, r => RecordJson.Deserialize(r.Json));
        return ordinals.Where(byOrdinal.ContainsKey).Select(o => (o, byOrdinal[o])).ToList();
    }

    public Task<IReadOnlyList<string>> WithdrawAsync(IReadOnlyList<string> ids, CancellationToken ct) =>
        Change("UPDATE assets SET withdrawn_at = @now, updated_at = @now WHERE id = @id AND withdrawn_at IS NULL", ids);

    public Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<string> ids, CancellationToken ct) =>
        Change("DELETE FROM assets WHERE id = @id", ids);

    public async Task<long> CountAsync(CancellationToken ct)
    {
        using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM assets WHERE withdrawn_at IS NULL", cancellationToken: ct));
    }

    public async Task<string?> GetCheckpointAsync(string sourceId, string name, CancellationToken ct)
    {
        using var connection = database.Open();
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT value FROM checkpoints WHERE source_id = @sourceId AND name = @name", new { sourceId, name }, cancellationToken: ct));
    }

    public async Task SetCheckpointAsync(string sourceId, string name, string value, CancellationToken ct)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO checkpoints (source_id, name, value, updated_at) VALUES (@sourceId, @name, @value, @now) " +
            "ON CONFLICT (source_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            new { sourceId, name, value, now = Format(clock.GetUtcNow()) }, cancellationToken: ct));
    }

    private Task<IReadOnlyList<string>> Change(string sql, IReadOnlyList<string> ids)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var now = Format(clock.GetUtcNow());
        var changed = ids.Where(id => connection.Execute(sql, new { id, now }, tx) > 0).ToList();
        tx.Commit();
        return Task.FromResult<IReadOnlyList<string>>(changed);
    }

    private void Bind(SqliteCommand command, CatalogEntry entry, string hash, DateTimeOffset now)
    {
        var r = entry.Record;
        var doc = SearchDocument.From(r, missions);
        var p = command.Parameters;
        p["$id"].Value = r.Id;
        p["$source_id"].Value = r.SourceId;
        p["$record_json"].Value = RecordJson.Serialize(r);
        p["$native"].Value = (object?)entry.Native ?? DBNull.Value;
        p["$native_type"].Value = (object?)entry.NativeType ?? DBNull.Value;
        p["$content_hash"].Value = hash;
        p["$harvested_at"].Value = Format(r.HarvestedAt);
        p["$updated_at"].Value = Format(now);
        p["$withdrawn_at"].Value = DBNull.Value;
        p["$domain"].Value = r.Domain;
        p["$mission"].Value = (object?)r.Mission ?? DBNull.Value;
        p["$mission_family"].Value = (object?)r.MissionFamily ?? DBNull.Value;
        p["$asset_type"].Value = r.AssetType.ToString().ToLowerInvariant();
        p["$instruments"].Value = SearchDocument.JoinList(r.Instruments);
        p["$product_types"].Value = SearchDocument.JoinList(r.ProductTypes);
        p["$wavebands"].Value = SearchDocument.JoinList(r.Wavebands);
        p["$formats"].Value = SearchDocument.JoinList(r.Formats);
        SetReal(p["$ra"], r.Sky?.Ra);
        SetReal(p["$dec"], r.Sky?.Dec);
        SetReal(p["$radius"], r.Sky?.Radius);
        SetReal(p["$west"], r.Ground?.Box.West);
        SetReal(p["$south"], r.Ground?.Box.South);
        SetReal(p["$east"], r.Ground?.Box.East);
        SetReal(p["$north"], r.Ground?.Box.North);
        SetReal(p["$t_start"], SearchDocument.ToUnix(r.Time?.Start));
        SetReal(p["$t_end"], SearchDocument.ToUnix(r.Time?.End));
        SetReal(p["$newest"], doc.Newest);
        p["$title_sort"].Value = doc.TitleSort;
        p["$t_title"].Value = doc.Title;
        p["$t_keywords"].Value = doc.Keywords;
        p["$t_mission"].Value = doc.MissionText;
        p["$t_instrument"].Value = doc.InstrumentText;
        p["$t_author"].Value = doc.Authors;
        p["$t_description"].Value = doc.Description;
        p["$t_doi"].Value = doc.Doi;
    }

    private static void SetReal(SqliteParameter parameter, double? value)
    {
        parameter.SqliteType = SqliteType.Real;
        parameter.Value = value is null ? DBNull.Value : value.Value;
    }

    internal static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string? s) =>
        s is null ? null : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private sealed record AssetRow(string RecordJson, string? Native, string? NativeType, string UpdatedAt, string? WithdrawnAt);
}
