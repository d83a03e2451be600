using Dapper;
using DiscoveryPortal.Indexer.Accounts;

namespace DiscoveryPortal.Indexer.PostgreSql;

/// <summary>Data Protection's key ring in the PostgreSQL catalogue: one ring for every node, each key stamped with the server's time.</summary>
public sealed class PostgreSqlKeyRingStore(PostgreSqlDatabase database) : IKeyRingStore
{
    public IReadOnlyList<string> All()
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, id").AsList();
    }

    // Two nodes making a key at once both keep theirs (different names); the ring holds both.
    public void Add(string name, string xml)
    {
        using var connection = database.Open();
        connection.Execute("INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING", new { name, xml });
    }
}
