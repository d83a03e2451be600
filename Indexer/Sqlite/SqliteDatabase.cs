using Dapper;
using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Data.Sqlite;

namespace DiscoveryPortal.Indexer.Sqlite;

/// <summary>Opens connections to the catalogue file and brings its schema up to date.</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    /// <summary>Opens the catalogue file (made if missing, with its folder); a write waits <paramref name="busySeconds"/> for another process's to finish before it gives up (SQLITE_BUSY).</summary>
    public SqliteDatabase(string path, int busySeconds = 30)
    {
        Path = System.IO.Path.GetFullPath(path);
        BusySeconds = busySeconds;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Pooling = true,
            DefaultTimeout = busySeconds,
        }.ToString();
        Migrate();
    }

    public string Path { get; }

    public int BusySeconds { get; }

    /// <summary>Begins a write that the stores share (<see cref="CatalogWrite"/>); it waits for another writer up to <see cref="BusySeconds"/>.</summary>
    public CatalogWrite BeginWrite() => new(Open(), c => ((SqliteConnection)c).BeginTransaction(deferred: false));

    /// <summary>Runs <paramref name="work"/> on the write's connection inside its transaction (so it sees what the write did), or on a connection of its own.</summary>
    public async Task<T> UseAsync<T>(CatalogWrite? write, Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction?, Task<T>> work)
    {
        if (write is not null)
        {
            return await work(write.Connection, write.Transaction);
        }
        using var connection = Open();
        return await work(connection, null);
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;");
        return connection;
    }

    public int SchemaVersion
    {
        get
        {
            using var connection = Open();
            return connection.ExecuteScalar<int>("PRAGMA user_version");
        }
    }

    /// <summary>The numbered scripts in Sqlite/Schema; each runs once, in order, in its own transaction.</summary>
    public static IReadOnlyList<(int Version, string Sql)> Scripts { get; } = SchemaScripts.Load("sqlite-schema/");

    /// <summary>What a script's SQL cannot do, run after it in its transaction: 0014 packs the records it moved.</summary>
    private static readonly Dictionary<int, Action<SqliteConnection, SqliteTransaction>> Steps = new()
    {
        [14] = (connection, tx) => StoredRecord.PackAll(connection, tx),
    };

    private void Migrate()
    {
        using var connection = Open();
        var current = connection.ExecuteScalar<int>("PRAGMA user_version");
        foreach (var (version, sql) in Scripts.Where(s => s.Version > current))
        {
            // BEGIN IMMEDIATE holds the write lock, and the version is read again under it: of two
            // processes opening a new catalogue at once, the second finds the script already run.
            using var tx = connection.BeginTransaction();
            if (connection.ExecuteScalar<int>("PRAGMA user_version", transaction: tx) >= version)
            {
                continue;
            }
            connection.Execute(sql, transaction: tx);
            Steps.GetValueOrDefault(version)?.Invoke(connection, tx);
            connection.Execute($"PRAGMA user_version = {version}", transaction: tx);
            tx.Commit();
        }
    }
}
