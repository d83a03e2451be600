using System.Data.Common;
using Dapper;
using DiscoveryPortal.Indexer.Catalog;
using Npgsql;

namespace DiscoveryPortal.Indexer.PostgreSql;

/// <summary>
/// Connections to the catalogue's PostgreSQL database, shared by every portal node, and its schema brought up
/// to date. Writes go to the primary (<c>Catalog:ConnectionString</c>); reads that may lag a little go to
/// <c>Catalog:ReadConnectionString</c> (a hot standby) when it is set and answers, else to the primary.
/// </summary>
public sealed class PostgreSqlDatabase : IDisposable
{
    // pg_advisory_lock key: two nodes starting on a new database at once run each script once.
    private const long MigrationLock = 0x706F7274616C; // "portal"

    private readonly NpgsqlDataSource _primary;
    private readonly NpgsqlDataSource? _standby;

    public PostgreSqlDatabase(string connectionString, string? readConnectionString = null, int busySeconds = 30)
    {
        BusySeconds = busySeconds;
        _primary = NpgsqlDataSource.Create(connectionString);
        _standby = string.IsNullOrWhiteSpace(readConnectionString) ? null : NpgsqlDataSource.Create(readConnectionString);
        Name = new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ToString();
        Migrate();
    }

    /// <summary>The primary's connection string without its password: what messages name.</summary>
    public string Name { get; }

    public int BusySeconds { get; }

    /// <summary>Begins a write that the stores share (<see cref="CatalogWrite"/>); a lock it waits for longer than <see cref="BusySeconds"/> makes it busy.</summary>
    public CatalogWrite BeginWrite() => new(Open(), c =>
    {
        var tx = c.BeginTransaction();
        c.Execute($"SET LOCAL lock_timeout = '{BusySeconds}s'", transaction: tx);
        return tx;
    });

    /// <summary>Runs <paramref name="work"/> on the write's connection inside its transaction, or on a primary connection of its own.</summary>
    public async Task<T> UseAsync<T>(CatalogWrite? write, Func<DbConnection, DbTransaction?, Task<T>> work)
    {
        if (write is not null)
        {
            return await work(write.Connection, write.Transaction);
        }
        await using var connection = await _primary.OpenConnectionAsync();
        return await work(connection, null);
    }

    /// <summary>A connection to the primary.</summary>
    public NpgsqlConnection Open() => _primary.OpenConnection();

    /// <summary>
    /// A connection for reads that may lag the primary by the standby's replay delay: the standby's when one
    /// is configured and answers, else the primary's (a standby that is down only costs its reads a detour).
    /// </summary>
    public async Task<NpgsqlConnection> OpenReadAsync(CancellationToken ct)
    {
        if (_standby is not null)
        {
            try
            {
                return await _standby.OpenConnectionAsync(ct);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The standby is down or unreachable: the primary answers instead.
            }
        }
        return await _primary.OpenConnectionAsync(ct);
    }

    /// <summary>
    /// Runs a read that may lag on the standby, and on the primary when the standby does not answer, at the
    /// connection or during the read (a pooled connection to a standby that has gone fails only when used).
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken ct)
    {
        if (_standby is not null)
        {
            try
            {
                await using var standby = await _standby.OpenConnectionAsync(ct);
                return await read(standby);
            }
            catch (Exception e) when (e is NpgsqlException and not PostgresException or TimeoutException or PostgresException { SqlState: "57P01" or "57P03" })
            {
                // Down, unreachable, shutting down or still starting: the primary answers instead.
                _standby.Clear();
            }
        }
        await using var primary = await _primary.OpenConnectionAsync(ct);
        return await read(primary);
    }

    public int SchemaVersion
    {
        get
        {
            using var connection = Open();
            return connection.ExecuteScalar<int>("SELECT coalesce(max(version), 0) FROM schema_version");
        }
    }

    /// <summary>The numbered scripts in PostgreSql/Schema; each runs once, in order, in its own transaction.</summary>
    public static IReadOnlyList<(int Version, string Sql)> Scripts { get; } = SchemaScripts.Load("postgresql-schema/");

    /// <summary>What a script's SQL cannot do, run after it in its transaction: 0007 packs the records it moved.</summary>
    private static readonly Dictionary<int, Action<NpgsqlConnection, NpgsqlTransaction>> Steps = new()
    {
        [7] = (connection, tx) => StoredRecord.PackAll(connection, tx),
    };

    private void Migrate()
    {
        using var connection = Open();
        connection.Execute("SELECT pg_advisory_lock(@key)", new { key = MigrationLock });
        try
        {
            connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
            var current = connection.ExecuteScalar<int>("SELECT coalesce(max(version), 0) FROM schema_version");
            foreach (var (version, sql) in Scripts.Where(s => s.Version > current))
            {
                using var tx = connection.BeginTransaction();
                connection.Execute(sql, transaction: tx);
                Steps.GetValueOrDefault(version)?.Invoke(connection, tx);
                connection.Execute("INSERT INTO schema_version (version) VALUES (@version)", new { version }, tx);
                tx.Commit();
            }
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@key)", new { key = MigrationLock });
        }
    }

    public void Dispose()
    {
        _primary.Dispose();
        _standby?.Dispose();
    }
}
