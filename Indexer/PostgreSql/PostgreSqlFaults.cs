using DiscoveryPortal.Indexer.Catalog;
using Npgsql;

namespace DiscoveryPortal.Indexer.PostgreSql;

/// <summary>PostgreSQL's error codes (SQLSTATE) the catalogue tells apart.</summary>
public static class PostgreSqlFaults
{
    public const string UniqueViolation = "23505";

    /// <summary>The fault a PostgreSQL error is, or null when it is the data's (or not PostgreSQL's).</summary>
    public static CatalogFault? Of(Exception e) => e is PostgresException p ? p.SqlState switch
    {
        "53100" => new(CatalogFaultKind.DiskFull, false),                   // disk_full
        "25006" or "42501" => new(CatalogFaultKind.ReadOnly, false),        // read_only_sql_transaction (a standby), insufficient_privilege
        "55P03" or "40P01" or "57014" => new(CatalogFaultKind.Busy, false),  // lock_not_available, deadlock_detected, query_canceled (lock_timeout)
        _ => null,
    } : null;
}
