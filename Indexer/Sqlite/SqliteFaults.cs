using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Data.Sqlite;

namespace DiscoveryPortal.Indexer.Sqlite;

/// <summary>SQLite's result codes the catalogue tells apart.</summary>
public static class SqliteFaults
{
    public const int Busy = 5, Locked = 6, ReadOnly = 8, Full = 13, CantOpen = 14, Constraint = 19;

    /// <summary>The fault an SQLite error is, or null when it is the data's (or not SQLite's).</summary>
    public static CatalogFault? Of(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: Full } => new(CatalogFaultKind.DiskFull, false),
        SqliteException { SqliteErrorCode: ReadOnly or CantOpen } => new(CatalogFaultKind.ReadOnly, false),
        SqliteException { SqliteErrorCode: Busy or Locked } => new(CatalogFaultKind.Busy, false),
        _ => null,
    };
}
