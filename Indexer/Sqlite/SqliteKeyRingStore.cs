using Dapper;
using DiscoveryPortal.Indexer.Accounts;

namespace DiscoveryPortal.Indexer.Sqlite;

/// <summary>Data Protection's key ring in the SQLite catalogue.</summary>
public sealed class SqliteKeyRingStore(SqliteDatabase database, TimeProvider clock) : IKeyRingStore
{
    public IReadOnlyList<string> All()
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id").AsList();
    }

    public void Add(string name, string xml)
    {
        using var connection = database.Open();
        connection.Execute("INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @now) ON CONFLICT (name) DO NOTHING",
            new { name, xml, now = clock.GetUtcNow().ToString("O") });
    }
}
