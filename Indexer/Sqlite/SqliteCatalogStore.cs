using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dapper;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Sqlite;

/// <summary>
/// The catalogue in SQLite. Every write numbers its changes from one sequence in the same transaction,
/// so an index that remembers the last number it holds can always catch up (<see cref="ChangesAsync"/>).
/// </summary>
public sealed class SqliteCatalogStore(SqliteDatabase database, TimeProvider clock, ILogger<SqliteCatalogStore> logger) : ICatalogStore
{
    private const string Columns =
        "id, source_id, record, doi, domain, native, native_type, content_hash, harvested_at, updated_at, withdrawn_at, asset_type, change_seq";

    private static readonly string[] ColumnNames = Columns.Split(", ");

    public CatalogWrite BeginWrite() => database.BeginWrite();

    public async Task<UpsertResult> UpsertAsync(CatalogWrite write, IReadOnlyList<CatalogEntry> entries, CancellationToken ct)
    {
        // Of two entries with one id, the later wins, as if they had come one after the other.
        var latest = entries.GroupBy(e => e.Record.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var unchanged = entries.Count - latest.Count;

        // Serialising, hashing and packing are pure work: one core does it while the other writes.
        var prepared = Channel.CreateBounded<(CatalogEntry Entry, (byte[] Stored, byte[] Hash) Content)>(
            new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var entry in latest)
                {
                    await prepared.Writer.WriteAsync((entry, StoredRecord.Of(entry.Record)), ct);
                }
                prepared.Writer.Complete();
            }
            catch (Exception e)
            {
                prepared.Writer.Complete(e);
            }
        }, ct);

        var (connection, tx) = (write.Connection, write.Transaction);
        var stored = Existing(connection, tx, latest.Select(e => e.Record.Id));
        var added = new List<string>();
        var updated = new List<string>();
        var changes = new List<CatalogChange>();
        var sequence = Sequence(connection, tx);

        using var insert = Command(connection, tx, $"INSERT INTO assets ({Columns}) VALUES ({string.Join(", ", ColumnNames.Select(c => "$" + c))}) RETURNING ordinal", ColumnNames);
        using var update = Command(connection, tx, $"UPDATE assets SET {string.Join(", ", ColumnNames.Skip(1).Select(c => $"{c} = ${c}"))} WHERE id = $id", ColumnNames);

        var now = clock.GetUtcNow();
        await foreach (var (entry, (packed, hash)) in prepared.Reader.ReadAllAsync(ct))
        {
            var id = entry.Record.Id;
            long ordinal;
            if (stored.TryGetValue(id, out var row))
            {
                if (row.Hash.AsSpan().SequenceEqual(hash) && !row.Withdrawn)
                {
                    unchanged++;
                    continue;
                }
                Bind(update, entry, packed, hash, now, ++sequence);
                update.ExecuteNonQuery();
                ordinal = row.Ordinal;
                updated.Add(id);
            }
            else
            {
                Bind(insert, entry, packed, hash, now, ++sequence);
                ordinal = (long)insert.ExecuteScalar()!;
                added.Add(id);
            }
            changes.Add(new CatalogChange(sequence, id, ordinal, entry.Record, New: row == default));
        }
        await producer;
        SetSequence(connection, tx, sequence);
        write.Changed(changes);
        return new UpsertResult(added, updated, unchanged, changes);
    }

    /// <summary>Hash, withdrawn flag and document number of the rows these ids already have, in one query.</summary>
    private static Dictionary<string, (byte[] Hash, bool Withdrawn, long Ordinal)> Existing(DbConnection connection, DbTransaction tx, IEnumerable<string> ids)
    {
        var rows = connection.Query<(string Id, byte[] Hash, bool Withdrawn, long Ordinal)>(
            "SELECT id, content_hash, withdrawn_at IS NOT NULL, ordinal FROM assets WHERE id IN (SELECT value FROM json_each(@ids))",
            new { ids = System.Text.Json.JsonSerializer.Serialize(ids) }, tx);
        return rows.ToDictionary(r => r.Id, r => (r.Hash, r.Withdrawn, r.Ordinal), StringComparer.Ordinal);
    }

    // The write holds SQLite's write lock (BEGIN IMMEDIATE), so reading the number at its
    // start and storing the last one given at its end cannot race another writer, in this process or another.
    private static long Sequence(DbConnection connection, DbTransaction tx) =>
        connection.ExecuteScalar<long>("SELECT value FROM catalog_sequence", transaction: tx);

    private static void SetSequence(DbConnection connection, DbTransaction tx, long value) =>
        connection.Execute("UPDATE catalog_sequence SET value = @value", new { value }, tx);

    public async Task<IReadOnlyList<CatalogChange>> ChangesAsync(long after, int limit, CancellationToken ct)
    {
        using var connection = database.Open();
        // Two reads, not a UNION: each walks its own index from `after`, and sorting the union of all later
        // rows on every page would make reading a million changes quadratic.
        var rows = (await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            "SELECT change_seq AS Sequence, id AS Id, ordinal AS Ordinal, record AS Record, harvested_at AS HarvestedAt, withdrawn_at IS NOT NULL AS Withdrawn " +
            "FROM assets WHERE change_seq > @after ORDER BY change_seq LIMIT @limit", new { after, limit }, cancellationToken: ct))).AsList();
        var upTo = rows.Count == limit ? rows[^1].Sequence : long.MaxValue;
        var removed = await connection.QueryAsync<(long Sequence, string Id, long Ordinal)>(new CommandDefinition(
            "SELECT change_seq, id, ordinal FROM removed_assets WHERE change_seq > @after AND change_seq <= @upTo ORDER BY change_seq LIMIT @limit",
            new { after, upTo, limit }, cancellationToken: ct));
        return ChangeRow.Merge(rows, removed, after, limit, logger);
    }

    public async Task<CatalogPosition> PositionAsync(CancellationToken ct)
    {
        using var connection = database.Open();
        var (id, value) = await connection.QuerySingleAsync<(string, long)>(new CommandDefinition("SELECT catalog_id, value FROM catalog_sequence", cancellationToken: ct));
        return new CatalogPosition(id, value);
    }

    public Task<StoredAsset?> GetAsync(string id, CancellationToken ct) => GetAsync(null, id, ct);

    public async Task<StoredAsset?> GetAsync(CatalogWrite? write, string id, CancellationToken ct)
    {
        var row = await database.UseAsync(write, (connection, tx) => connection.QuerySingleOrDefaultAsync<AssetRow>(new CommandDefinition(
            $"SELECT {AssetRow.Columns} FROM assets WHERE id = @id",
            new { id }, tx, cancellationToken: ct)));
        return row?.Stored;
    }

    public async Task<IReadOnlyDictionary<long, AssetRecord>> RecordsAsync(IReadOnlyCollection<long> ordinals, CancellationToken ct)
    {
        if (ordinals.Count == 0)
        {
            return new Dictionary<long, AssetRecord>();
        }
        using var connection = database.Open();
        // One parameter however many numbers: the list as a JSON array, each looked up by the primary key.
        var rows = await connection.QueryAsync<(long Ordinal, string Id, byte[] Record, string HarvestedAt)>(new CommandDefinition(
            "SELECT ordinal, id, record, harvested_at FROM assets WHERE ordinal IN (SELECT value FROM json_each(@ordinals)) AND withdrawn_at IS NULL",
            new { ordinals = System.Text.Json.JsonSerializer.Serialize(ordinals) }, cancellationToken: ct));
        return AssetRow.ByOrdinal(rows, logger);
    }

    public async Task<IReadOnlyList<AssetRecord>> ToolsAsync(CancellationToken ct)
    {
        using var connection = database.Open();
        // Few assets are tools: their records are read and the ones with a tool profile kept.
        var rows = await connection.QueryAsync<(string Id, byte[] Record, string HarvestedAt)>(new CommandDefinition(
            "SELECT id, record, harvested_at FROM assets WHERE withdrawn_at IS NULL AND asset_type IN ('datalab', 'tool', 'software')",
            cancellationToken: ct));
        return rows.Select(r => AssetRow.Readable(r.Id, r.Record, r.HarvestedAt, logger)).Where(r => r?.Tool is not null).Select(r => r!).ToList();
    }

    private static SqliteCommand Command(DbConnection connection, DbTransaction tx, string sql, params string[] parameters)
    {
        var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction)tx;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add("$" + name, SqliteType.Text);
        }
        command.Prepare();
        return command;
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM assets WHERE withdrawn_at IS NULL", cancellationToken: ct));
    }

    public async Task<IReadOnlyList<StoredAsset>> ChangedAsync(ChangeWindow window, CancellationToken ct)
    {
        // Only the conditions given are written, so the (updated_at, id) index orders and bounds the read.
        var conditions = new List<string>();
        var parameters = new DynamicParameters(new { limit = window.Limit });
        if (window.From is { } from)
        {
            conditions.Add("updated_at >= @from");
            parameters.Add("from", StoredTime.Format(from));
        }
        if (window.Before is { } before)
        {
            conditions.Add("updated_at < @before");
            parameters.Add("before", StoredTime.Format(before));
        }
        if (window.After is { } after)
        {
            conditions.Add("(updated_at, id) > (@afterAt, @afterId)");
            parameters.Add("afterAt", StoredTime.Format(after.UpdatedAt));
            parameters.Add("afterId", after.Id);
        }
        if (window.SourceId is { } source)
        {
            conditions.Add("source_id = @source");
            parameters.Add("source", source);
        }
        if (window.Domain is { } domain)
        {
            conditions.Add("domain = @domain");
            parameters.Add("domain", domain);
        }
        using var connection = database.Open();
        var rows = await connection.QueryAsync<AssetRow>(new CommandDefinition(
            $"SELECT {AssetRow.Columns} FROM assets" +
            (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "") + " ORDER BY updated_at, id LIMIT @limit",
            parameters, cancellationToken: ct));
        return rows.Select(r => r.Listed(logger)).OfType<StoredAsset>().ToList();
    }

    public async Task<StampRange> StampsAsync(long first, int count, CancellationToken ct)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(string Id, string UpdatedAt)>(new CommandDefinition(
            "SELECT id, updated_at FROM assets WHERE ordinal >= @first AND ordinal < @end AND withdrawn_at IS NULL ORDER BY ordinal",
            new { first, end = first + count }, cancellationToken: ct));
        var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT max(ordinal) FROM assets", cancellationToken: ct)) ?? 0;
        return new StampRange(rows.Select(r => new AssetStamp(r.Id, StoredTime.Parse(r.UpdatedAt)!.Value)).ToList(), last);
    }

    public async IAsyncEnumerable<AssetRecord> AllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, record, harvested_at FROM assets WHERE withdrawn_at IS NULL ORDER BY ordinal";
        using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (AssetRow.Readable(reader.GetString(0), (byte[])reader.GetValue(1), reader.GetString(2), logger) is { } record)
            {
                yield return record;
            }
        }
    }

    public async Task<string?> GetCheckpointAsync(string sourceId, string name, CancellationToken ct)
    {
        using var connection = database.Open();
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT value FROM checkpoints WHERE source_id = @sourceId AND name = @name", new { sourceId, name }, cancellationToken: ct));
    }

    public Task SetCheckpointAsync(string sourceId, string name, string value, CancellationToken ct) => SetCheckpointAsync(null, sourceId, name, value, ct);

    public Task SetCheckpointAsync(CatalogWrite? write, string sourceId, string name, string value, CancellationToken ct) =>
        database.UseAsync(write, (connection, tx) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO checkpoints (source_id, name, value, updated_at) VALUES (@sourceId, @name, @value, @now) " +
            "ON CONFLICT (source_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            new { sourceId, name, value, now = StoredTime.Format(clock.GetUtcNow()) }, tx, cancellationToken: ct)));

    public Task RemoveCheckpointAsync(string sourceId, string name, CancellationToken ct) => RemoveCheckpointAsync(null, sourceId, name, ct);

    public Task RemoveCheckpointAsync(CatalogWrite? write, string sourceId, string name, CancellationToken ct) =>
        database.UseAsync(write, (connection, tx) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM checkpoints WHERE source_id = @sourceId AND name = @name", new { sourceId, name }, tx, cancellationToken: ct)));

    public async Task<IReadOnlyList<string>> IdsOfSourceAsync(string sourceId, CancellationToken ct)
    {
        using var connection = database.Open();
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM assets WHERE source_id = @sourceId AND withdrawn_at IS NULL", new { sourceId }, cancellationToken: ct))).AsList();
    }

    public async Task RecordHarvestAsync(HarvestRun run, CancellationToken ct)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO harvest_runs (source_id, started_at, finished_at, mode, status, pages, rows_read, added, updated, unchanged, removed, failed, errors_json, records) " +
            "VALUES (@SourceId, @StartedAt, @FinishedAt, @Mode, @Status, @Pages, @RowsRead, @Added, @Updated, @Unchanged, @Removed, @Failed, @ErrorsJson, " +
            "(SELECT count(*) FROM assets WHERE source_id = @SourceId AND withdrawn_at IS NULL))",
            HarvestRunRow.Args(run), cancellationToken: ct));
    }

    public async Task<long> StartHarvestAsync(HarvestRun run, HarvestHolder holder, CancellationToken ct)
    {
        using var connection = database.Open();
        var args = new DynamicParameters(HarvestRunRow.Args(run with { Status = HarvestRun.Running }));
        args.AddDynamicParams(new { holder.Host, holder.Pid, holder.LeaseToken });
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO harvest_runs (source_id, started_at, finished_at, mode, status, pages, rows_read, added, updated, unchanged, removed, failed, errors_json, holder_host, holder_pid, lease_token) " +
            "VALUES (@SourceId, @StartedAt, @FinishedAt, @Mode, @Status, @Pages, @RowsRead, @Added, @Updated, @Unchanged, @Removed, @Failed, @ErrorsJson, @Host, @Pid, @LeaseToken) RETURNING id",
            args, cancellationToken: ct));
    }

    public async Task<bool> UpdateHarvestAsync(CatalogWrite? write, long id, HarvestRun run, CancellationToken ct)
    {
        var args = new DynamicParameters(HarvestRunRow.Args(run));
        args.AddDynamicParams(new { id });
        // Only a run still running moves: one found dead and marked interrupted keeps what it had.
        return await database.UseAsync(write, (connection, tx) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_runs SET finished_at = @FinishedAt, mode = @Mode, status = @Status, pages = @Pages, rows_read = @RowsRead, added = @Added, updated = @Updated, " +
            "unchanged = @Unchanged, removed = @Removed, failed = @Failed, errors_json = @ErrorsJson, " +
            "records = CASE WHEN @Status = 'running' THEN NULL ELSE (SELECT count(*) FROM assets WHERE source_id = @SourceId AND withdrawn_at IS NULL) END " +
            "WHERE id = @id AND status = 'running'", args, tx, cancellationToken: ct))) == 1;
    }

    public async Task<IReadOnlyList<HarvestRun>> RecentHarvestsAsync(string? sourceId, int limit, CancellationToken ct)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<HarvestRunRow>(new CommandDefinition(
            $"SELECT {HarvestRunRow.Columns} FROM harvest_runs WHERE @sourceId IS NULL OR source_id = @sourceId ORDER BY id DESC LIMIT @limit",
            new { sourceId, limit }, cancellationToken: ct));
        return rows.Select(r => r.Run).ToList();
    }

    public Task<IReadOnlyList<string>> WithdrawAsync(CatalogWrite write, IReadOnlyList<string> ids, CancellationToken ct) =>
        Change(write, ids, (connection, tx, id, now, sequence) => connection.ExecuteScalar<long?>(
            "UPDATE assets SET withdrawn_at = @now, updated_at = @now, change_seq = @sequence WHERE id = @id AND withdrawn_at IS NULL RETURNING ordinal",
            new { id, now, sequence }, tx));

    public Task<IReadOnlyList<string>> DeleteAsync(CatalogWrite write, IReadOnlyList<string> ids, CancellationToken ct) =>
        Change(write, ids, (connection, tx, id, now, sequence) =>
        {
            var ordinal = connection.ExecuteScalar<long?>(
                "INSERT INTO removed_assets (change_seq, id, ordinal) SELECT @sequence, id, ordinal FROM assets WHERE id = @id RETURNING ordinal", new { id, sequence }, tx);
            connection.Execute("DELETE FROM assets WHERE id = @id", new { id }, tx);
            return ordinal;
        });

    /// <summary>Applies one change per id inside the write; each id it changes (the change gives its document number) takes the next number.</summary>
    private Task<IReadOnlyList<string>> Change(CatalogWrite write, IReadOnlyList<string> ids, Func<DbConnection, DbTransaction, string, string, long, long?> apply)
    {
        var (connection, tx) = (write.Connection, write.Transaction);
        var now = StoredTime.Format(clock.GetUtcNow());
        var sequence = Sequence(connection, tx);
        var changed = new List<string>();
        var changes = new List<CatalogChange>();
        foreach (var id in ids)
        {
            if (apply(connection, tx, id, now, sequence + 1) is { } ordinal)
            {
                sequence++;
                changed.Add(id);
                changes.Add(new CatalogChange(sequence, id, ordinal, null));
            }
        }
        SetSequence(connection, tx, sequence);
        write.Changed(changes);
        return Task.FromResult<IReadOnlyList<string>>(changed);
    }

    private static void Bind(SqliteCommand command, CatalogEntry entry, byte[] packed, byte[] hash, DateTimeOffset now, long sequence)
    {
        var r = entry.Record;
        var p = command.Parameters;
        p["$id"].Value = r.Id;
        p["$source_id"].Value = r.SourceId;
        p["$record"].SqliteType = SqliteType.Blob;
        p["$record"].Value = packed;
        p["$doi"].Value = (object?)r.Doi?.ToLowerInvariant() ?? DBNull.Value;
        p["$domain"].Value = r.Domain;
        p["$native"].Value = (object?)entry.Native ?? DBNull.Value;
        p["$native_type"].Value = (object?)entry.NativeType ?? DBNull.Value;
        p["$content_hash"].SqliteType = SqliteType.Blob;
        p["$content_hash"].Value = hash;
        p["$harvested_at"].Value = StoredTime.Format(r.HarvestedAt);
        p["$updated_at"].Value = StoredTime.Format(now);
        p["$withdrawn_at"].Value = DBNull.Value;
        p["$asset_type"].Value = r.AssetType.ToString().ToLowerInvariant();
        p["$change_seq"].SqliteType = SqliteType.Integer;
        p["$change_seq"].Value = sequence;
    }

}
