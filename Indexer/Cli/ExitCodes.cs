using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary>What every command's exit code means (listed in Indexer/README.md).</summary>
public static class ExitCodes
{
    public const int Done = 0;

    /// <summary>Rows or records with problems (each reported), or a harvest that failed.</summary>
    public const int Problems = 1;

    /// <summary>The command was asked wrongly: no such file, an unknown format or source.</summary>
    public const int Usage = 2;

    /// <summary>Another process kept the catalogue locked for writing past the wait, or holds the index.</summary>
    public const int Busy = 3;

    /// <summary>The disk holding the catalogue or its index is full.</summary>
    public const int DiskFull = 4;

    /// <summary>The catalogue or its index (the file or its folder) is read-only.</summary>
    public const int ReadOnly = 5;

    /// <summary>Stopped with Ctrl+C.</summary>
    public const int Cancelled = 130;

    public static int Of(CatalogFault fault) => fault.Kind switch
    {
        CatalogFaultKind.DiskFull => DiskFull,
        CatalogFaultKind.ReadOnly => ReadOnly,
        _ => Busy,
    };
}
