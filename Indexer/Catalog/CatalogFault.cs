namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>Why the catalogue could not take a write, when the reason is not the data's.</summary>
public enum CatalogFaultKind
{
    DiskFull,
    ReadOnly,
    Busy,
}

/// <summary>
/// A write the catalogue (or the search index beside it) could not take for a reason outside the data: the
/// disk holding it is full (SQLITE_FULL, PostgreSQL's disk_full, ENOSPC), the file, its folder or the database
/// cannot be written (SQLITE_READONLY, SQLITE_CANTOPEN, a read-only transaction or standby, EROFS, EACCES), or
/// another process kept it locked past the wait (SQLITE_BUSY, SQLITE_LOCKED, lock_not_available). The command line says so in one sentence with an exit code of its own; the portal
/// answers the write 503 and goes on serving reads. Every write is one transaction, so nothing of the
/// write that failed was kept.
/// </summary>
public sealed record CatalogFault(CatalogFaultKind Kind, bool InIndex)
{
    private const int NoSpace = 28, ReadOnlyFileSystem = 30;

    /// <summary>The fault behind an exception (or any exception it wraps), or null when it is not one.</summary>
    public static CatalogFault? Of(Exception e)
    {
        if (e is AggregateException all)
        {
            return all.InnerExceptions.Select(Of).FirstOrDefault(f => f is not null);
        }
        CatalogFault? fault = Sqlite.SqliteFaults.Of(e) ?? PostgreSql.PostgreSqlFaults.Of(e) ?? e switch
        {
            IOException io when (io.HResult & 0xFFFF) == NoSpace => new(CatalogFaultKind.DiskFull, true),
            IOException io when (io.HResult & 0xFFFF) == ReadOnlyFileSystem => new(CatalogFaultKind.ReadOnly, true),
            UnauthorizedAccessException => new(CatalogFaultKind.ReadOnly, true),
            _ => null,
        };
        return fault ?? (e.InnerException is { } inner ? Of(inner) : null);
    }

    /// <summary>The cause, without paths: what the portal tells a caller.</summary>
    public string Cause => Kind switch
    {
        CatalogFaultKind.DiskFull => $"the disk holding the {What} is full",
        CatalogFaultKind.ReadOnly => $"the {What} is read-only",
        _ => "another process is writing the catalogue and did not finish in time",
    };

    /// <summary>
    /// One sentence for the command line: what happened, naming the file or folder, then how far the work got
    /// (<paramref name="stored"/>, such as "nothing after row 4,000 was stored"), then what to do.
    /// </summary>
    public string Describe(string catalogPath, string indexPath, string stored)
    {
        var path = InIndex ? indexPath : catalogPath;
        var what = Kind switch
        {
            CatalogFaultKind.DiskFull => $"the disk holding {Path.GetDirectoryName(path) ?? path} is full",
            CatalogFaultKind.ReadOnly => $"the {What} {path} is read-only (it or the folder holding it cannot be written)",
            _ => $"the catalogue {catalogPath} is busy: another process kept it locked for writing",
        };
        var then = Kind switch
        {
            CatalogFaultKind.DiskFull => "run again when there is room",
            CatalogFaultKind.ReadOnly => "run again once it can be written",
            _ => "run again when the other process is done",
        };
        return $"{what}; {stored}; {then}";
    }

    private string What => InIndex ? "search index" : "catalogue";
}
