using Dapper;
using Npgsql;

namespace DiscoveryPortal.Indexer.Tests.Storage;

/// <summary>A database of its own on the portal's PostgreSQL cluster, made empty and dropped when disposed.</summary>
public sealed class PostgreSqlTestDatabase : IDisposable
{
    private readonly string _name = "portal_test_" + Guid.NewGuid().ToString("N")[..16];

    public PostgreSqlTestDatabase()
    {
        using var admin = new NpgsqlConnection(PostgreSqlPeer.ConnectionString);
        admin.Open();
        admin.Execute($"CREATE DATABASE {_name}");
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgreSqlPeer.ConnectionString) { Database = _name }.ToString();

    /// <summary>The catalogue settings that put a portal on this database.</summary>
    public Dictionary<string, string?> Settings => new() { ["Catalog:Backend"] = "postgresql", ["Catalog:ConnectionString"] = ConnectionString };

    /// <summary>Whether the tests run the portal on PostgreSQL (PORTAL_TEST_BACKEND=postgresql, as ops/test.sh's second pass sets) rather than SQLite.</summary>
    public static bool ForPortalTests => Environment.GetEnvironmentVariable("PORTAL_TEST_BACKEND") == "postgresql";

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(PostgreSqlPeer.ConnectionString);
        admin.Open();
        // FORCE ends the test's own connections; one the server itself has open there (autovacuum) is not the
        // portal role's to end, and is gone a moment later.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                admin.Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState is "42501" or "55006" && attempt < 20)
            {
                Thread.Sleep(250);
            }
        }
    }
}

/// <summary>
/// The portal's PostgreSQL cluster that ops/postgresql/start.sh installs and starts (127.0.0.1:5433, role
/// portal); <c>PORTAL_PG</c> names another. Its tests are skipped, saying why, when it is down, unless
/// PORTAL_REQUIRE_PEERS=1 (ops/test.sh), where they fail instead.
/// </summary>
public static class PostgreSqlPeer
{
    public static string ConnectionString { get; } = Environment.GetEnvironmentVariable("PORTAL_PG")
        ?? "Host=127.0.0.1;Port=5433;Database=portal;Username=portal;Password=portal;Timeout=5";

    public static bool Up { get; } = Probe();

    public static string? SkipReason => Up || Environment.GetEnvironmentVariable("PORTAL_REQUIRE_PEERS") == "1"
        ? null : "the portal's PostgreSQL is not running (bash ops/postgresql/start.sh installs and starts it)";

    private static bool Probe()
    {
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }
}
