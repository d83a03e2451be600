using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace DiscoveryPortal.Indexer.PostgreSql;

/// <summary>
/// The catalogue in PostgreSQL, shared by every node. A write that numbers changes locks the sequence row
/// until it commits, so changes commit in the order of their numbers and every node's index, reading what
/// came after the last number it holds, misses none (<see cref="ChangesAsync"/>).
/// </summary>
public sealed class PostgreSqlCatalogStore(PostgreSqlDatabase database, TimeProvider clock, ILogger<PostgreSqlCatalogStore> logger) : ICatalogStore
{
    public CatalogWrite BeginWrite() => database.BeginWrite();

    public async Task<UpsertResult> UpsertAsync(CatalogWrite write, IReadOnlyList<CatalogEntry> entries, CancellationToken ct)
    {
        // Of two entries with one id, the later wins, as if they had come one after the other.
        var latest = entries.GroupBy(e => e.Record.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var unchanged = entries.Count - latest.Count;
        var content = latest.AsParallel().AsOrdered().Select(e => StoredRecord.Of(e.Record)).ToList();

        var (connection, tx) = ((NpgsqlConnection)write.Connection, (NpgsqlTransaction)write.Transaction);
        var (sequence, ordinal) = await LockSequenceAsync(connection, tx, ct);
        var stored = (await connection.QueryAsync<(string Id, byte[] Hash, bool Withdrawn, long Ordinal)>(new CommandDefinition(
                "SELECT id, content_hash, withdrawn_at IS NOT NULL, ordinal FROM assets WHERE id = ANY(@ids)",
                new { ids = latest.Select(e => e.Record.Id).ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Id, r => (r.Hash, r.Withdrawn, r.Ordinal), StringComparer.Ordinal);

        var now = StoredTime.Format(clock.GetUtcNow());
        var inserts = new AssetColumns();
        var updates = new AssetColumns();
        var added = new List<string>();
        var updated = new List<string>();
        var changes = new List<CatalogChange>();
        for (var i = 0; i < latest.Count; i++)
        {
            var (entry, (packed, hash)) = (latest[i], content[i]);
            var id = entry.Record.Id;
            if (stored.TryGetValue(id, out var row))
            {
                if (row.Hash.AsSpan().SequenceEqual(hash) && !row.Withdrawn)
                {
                    unchanged++;
                    continue;
                }
                updates.Add(row.Ordinal, entry, packed, hash, now, ++sequence);
                updated.Add(id);
                changes.Add(new CatalogChange(sequence, id, row.Ordinal, entry.Record));
            }
            else
            {
                inserts.Add(++ordinal, entry, packed, hash, now, ++sequence);
                added.Add(id);
                changes.Add(new CatalogChange(sequence, id, ordinal, entry.Record, New: true));
            }
        }
        if (inserts.Count > 0)
        {
            await inserts.ExecuteAsync(connection, tx,
                $"INSERT INTO assets ({AssetColumns.Names}) SELECT * FROM {AssetColumns.Unnest}", ct);
        }
        if (updates.Count > 0)
        {
            await updates.ExecuteAsync(connection, tx,
                $"UPDATE assets a SET source_id = u.source_id, record = u.record, doi = u.doi, domain = u.domain, native = u.native, native_type = u.native_type, content_hash = u.content_hash, " +
                $"harvested_at = u.harvested_at, updated_at = u.updated_at, withdrawn_at = NULL, asset_type = u.asset_type, change_seq = u.change_seq " +
                $"FROM {AssetColumns.Unnest} AS u({AssetColumns.Names}) WHERE a.ordinal = u.ordinal", ct);
        }
        await SetSequenceAsync(connection, tx, sequence, ct);
        write.Changed(changes);
        return new UpsertResult(added, updated, unchanged, changes);
    }

    /// <summary>The columns of many asset rows, sent as one array per column and read back with unnest.</summary>
    private sealed class AssetColumns
    {
        public const string Names = "ordinal, id, source_id, record, doi, domain, native, native_type, content_hash, harvested_at, updated_at, asset_type, change_seq";

        public const string Unnest =
            "unnest(@ordinal::bigint[], @id::text[], @source_id::text[], @record::bytea[], @doi::text[], @domain::text[], @native::text[], @native_type::text[], @content_hash::bytea[], " +
            "@harvested_at::text[], @updated_at::text[], @asset_type::text[], @change_seq::bigint[])";

        private readonly List<long> _ordinal = [], _changeSeq = [];
        private readonly List<byte[]> _record = [], _hash = [];
        private readonly List<string> _id = [], _sourceId = [], _domain = [], _harvestedAt = [], _updatedAt = [], _assetType = [];
        private readonly List<string?> _doi = [], _native = [], _nativeType = [];

        public int Count => _id.Count;

        public void Add(long ordinal, CatalogEntry entry, byte[] packed, byte[] hash, string now, long sequence)
        {
            var r = entry.Record;
            _ordinal.Add(ordinal);
            _id.Add(r.Id);
            _sourceId.Add(r.SourceId);
            _record.Add(packed);
            _doi.Add(r.Doi?.ToLowerInvariant());
            _domain.Add(r.Domain);
            _native.Add(entry.Native);
            _nativeType.Add(entry.NativeType);
            _hash.Add(hash);
            _harvestedAt.Add(StoredTime.Format(r.HarvestedAt));
            _updatedAt.Add(now);
            _assetType.Add(r.AssetType.ToString().ToLowerInvariant());
            _changeSeq.Add(sequence);
        }

        public async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            command.Parameters.Add(new NpgsqlParameter<long[]>("ordinal", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. _ordinal] });
            command.Parameters.Add(new NpgsqlParameter<long[]>("change_seq", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. _changeSeq] });
            foreach (var (name, values) in new[] { ("id", _id), ("source_id", _sourceId), ("domain", _domain), ("harvested_at", _harvestedAt), ("updated_at", _updatedAt), ("asset_type", _assetType) })
            {
                command.Parameters.Add(new NpgsqlParameter<string[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. values] });
            }
            command.Parameters.Add(new NpgsqlParameter<byte[][]>("record", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = [.. _record] });
            command.Parameters.Add(new NpgsqlParameter<byte[][]>("content_hash", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = [.. _hash] });
            command.Parameters.Add(new NpgsqlParameter<string?[]>("doi", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. _doi] });
            command.Parameters.Add(new NpgsqlParameter<string?[]>("native", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. _native] });
            command.Parameters.Add(new NpgsqlParameter<string?[]>("native_type", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. _nativeType] });
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    // The row lock is held until the write commits or rolls back: writers that number changes take turns,
    // on this node or any other, and the next document number (max + 1, as SQLite gives it) cannot race either.
    // The largest document number is read by a statement of its own, after the lock is held: one statement's
    // snapshot is taken before it waits, so it would miss the rows the writer it waited for had added.
    private static async Task<(long Sequence, long MaxOrdinal)> LockSequenceAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var sequence = await connection.QuerySingleAsync<long>(new CommandDefinition("SELECT value FROM catalog_sequence FOR UPDATE", transaction: tx, cancellationToken: ct));
        var ordinal = await connection.QuerySingleAsync<long>(new CommandDefinition("SELECT coalesce(max(ordinal), 0) FROM assets", transaction: tx, cancellationToken: ct));
        return (sequence, ordinal);
    }

    private static Task SetSequenceAsync(DbConnection connection, DbTransaction tx, long value, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("UPDATE catalog_sequence SET value = @value", new { value }, tx, cancellationToken: ct));

    public async Task<IReadOnlyList<CatalogChange>> ChangesAsync(long after, int limit, CancellationToken ct)
    {
        // The primary, not the standby: a follower that read a standby lagging behind would be told the
        // catalogue's position by the primary and skip what the standby had not replayed yet.
        await using var connection = database.Open();
        var rows = (await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            "SELECT change_seq AS Sequence, id AS Id, ordinal AS Ordinal, record AS Record, harvested_at AS HarvestedAt, withdrawn_at IS NOT NULL AS Withdrawn " +
            "FROM assets WHERE change_seq > @after ORDER BY change_seq LIMIT @limit", new { after, limit }, cancellationToken: ct))).AsList();
        var upTo = rows.Count == limit ? rows[^1].Sequence : long.MaxValue;
        var removed = await connection.QueryAsync<(long Sequence, string Id, long Ordinal)>(new CommandDefinition(
            "SELECT change_seq, id, ordinal FROM removed_assets WHERE change_seq > @after AND change_seq <= @upTo ORDER BY change_seq LIMIT @limit",
            new { after, upTo, limit }, cancellationToken: ct));
        return ChangeRow.Merge(rows, removed.AsList(), after, limit, logger);
    }

    public async Task<CatalogPosition> PositionAsync(CancellationToken ct)
    {
        await using var connection = database.Open();
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
        const string Sql = "SELECT ordinal, id, record, harvested_at FROM assets WHERE ordinal = ANY(@ordinals) AND withdrawn_at IS NULL";
        var rows = (await database.ReadAsync(connection => connection.QueryAsync<(long Ordinal, string Id, byte[] Record, string HarvestedAt)>(
            new CommandDefinition(Sql, new { ordinals = ordinals.ToArray() }, cancellationToken: ct)), ct)).AsList();
        if (rows.Count < ordinals.Count)
        {
            // The index may already hold a change the standby has not replayed: what the standby lacked is asked of the primary.
            var read = rows.Select(r => r.Ordinal).ToHashSet();
            var missing = ordinals.Where(o => !read.Contains(o)).ToArray();
            rows.AddRange(await database.UseAsync(null, (connection, tx) => connection.QueryAsync<(long Ordinal, string Id, byte[] Record, string HarvestedAt)>(
                new CommandDefinition(Sql, new { ordinals = missing }, tx, cancellationToken: ct))));
        }
        return AssetRow.ByOrdinal(rows, logger);
    }

    public async Task<IReadOnlyList<AssetRecord>> ToolsAsync(CancellationToken ct)
    {
        // Few assets are tools: their records are read and the ones with a tool profile kept.
        var rows = await database.ReadAsync(connection => connection.QueryAsync<(string Id, byte[] Record, string HarvestedAt)>(new CommandDefinition(
            "SELECT id, record, harvested_at FROM assets WHERE withdrawn_at IS NULL AND asset_type IN ('datalab', 'tool', 'software') ORDER BY ordinal",
            cancellationToken: ct)), ct);
        return rows.Select(r => AssetRow.Readable(r.Id, r.Record, r.HarvestedAt, logger)).Where(r => r?.Tool is not null).Select(r => r!).ToList();
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        return await database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM assets WHERE withdrawn_at IS NULL", cancellationToken: ct)), ct);
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
        var rows = await database.ReadAsync(connection => connection.QueryAsync<AssetRow>(new CommandDefinition(
            $"SELECT {AssetRow.Columns} FROM assets" +
            (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "") + " ORDER BY updated_at, id LIMIT @limit",
            parameters, cancellationToken: ct)), ct);
        return rows.Select(r => r.Listed(logger)).OfType<StoredAsset>().ToList();
    }

    public async Task<StampRange> StampsAsync(long first, int count, CancellationToken ct)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<(string Id, string UpdatedAt)>(new CommandDefinition(
            "SELECT id, updated_at FROM assets WHERE ordinal >= @first AND ordinal < @end AND withdrawn_at IS NULL ORDER BY ordinal",
            new { first, end = first + count }, cancellationToken: ct)), ct);
        var last = await database.ReadAsync(connection => connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT max(ordinal) FROM assets", cancellationToken: ct)), ct) ?? 0;
        return new StampRange(rows.Select(r => new AssetStamp(r.Id, StoredTime.Parse(r.UpdatedAt)!.Value)).ToList(), last);
    }

    public async IAsyncEnumerable<AssetRecord> AllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await database.OpenReadAsync(ct);
        await using var command = new NpgsqlCommand("SELECT id, record, harvested_at FROM assets WHERE withdrawn_at IS NULL ORDER BY ordinal", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (AssetRow.Readable(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2), logger) is { } record)
            {
                yield return record;
            }
        }
    }

    public async Task<string?> GetCheckpointAsync(string sourceId, string name, CancellationToken ct)
    {
        await using var connection = database.Open();
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
        await using var connection = database.Open();
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM assets WHERE source_id = @sourceId AND withdrawn_at IS NULL", new { sourceId }, cancellationToken: ct))).AsList();
    }

    private const string SourceRecords = "(SELECT count(*) FROM assets WHERE source_id = @SourceId AND withdrawn_at IS NULL)";

    public async Task RecordHarvestAsync(HarvestRun run, CancellationToken ct)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO harvest_runs (source_id, started_at, finished_at, mode, status, pages, rows_read, added, updated, unchanged, removed, failed, errors_json, records) " +
            $"VALUES (@SourceId, @StartedAt, @FinishedAt, @Mode, @Status, @Pages, @RowsRead, @Added, @Updated, @Unchanged, @Removed, @Failed, @ErrorsJson, {SourceRecords})",
            HarvestRunRow.Args(run), cancellationToken: ct));
    }

    public async Task<long> StartHarvestAsync(HarvestRun run, HarvestHolder holder, CancellationToken ct)
    {
        await using var connection = database.Open();
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
            $"records = CASE WHEN @Status = 'running' THEN NULL ELSE {SourceRecords} END " +
            "WHERE id = @id AND status = 'running'", args, tx, cancellationToken: ct))) == 1;
    }

    public async Task<IReadOnlyList<HarvestRun>> RecentHarvestsAsync(string? sourceId, int limit, CancellationToken ct)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<HarvestRunRow>(new CommandDefinition(
            $"SELECT {HarvestRunRow.Columns} FROM harvest_runs WHERE @sourceId::text IS NULL OR source_id = @sourceId ORDER BY id DESC LIMIT @limit",
            new { sourceId, limit }, cancellationToken: ct));
        return rows.Select(r => r.Run).ToList();
    }

    public Task<IReadOnlyList<string>> WithdrawAsync(CatalogWrite write, IReadOnlyList<string> ids, CancellationToken ct) =>
        ChangeAsync(write, ids, ct, "UPDATE assets SET withdrawn_at = @now, updated_at = @now, change_seq = @sequence WHERE id = @id AND withdrawn_at IS NULL RETURNING ordinal");

    public Task<IReadOnlyList<string>> DeleteAsync(CatalogWrite write, IReadOnlyList<string> ids, CancellationToken ct) =>
        ChangeAsync(write, ids, ct,
            "WITH gone AS (DELETE FROM assets WHERE id = @id RETURNING id, ordinal) " +
            "INSERT INTO removed_assets (change_seq, id, ordinal) SELECT @sequence, id, ordinal FROM gone RETURNING ordinal");

    /// <summary>Applies one change per id inside the write; each id it changes (the change gives its document number) takes the next number.</summary>
    private async Task<IReadOnlyList<string>> ChangeAsync(CatalogWrite write, IReadOnlyList<string> ids, CancellationToken ct, string sql)
    {
        var (connection, tx) = (write.Connection, write.Transaction);
        var now = StoredTime.Format(clock.GetUtcNow());
        var (sequence, _) = await LockSequenceAsync(connection, tx, ct);
        var changed = new List<string>();
        var changes = new List<CatalogChange>();
        foreach (var id in ids)
        {
            if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, new { id, now, sequence = sequence + 1 }, tx, cancellationToken: ct)) is { } ordinal)
            {
                sequence++;
                changed.Add(id);
                changes.Add(new CatalogChange(sequence, id, ordinal, null));
            }
        }
        await SetSequenceAsync(connection, tx, sequence, ct);
        write.Changed(changes);
        return changed;
    }
}
