using System.Data.Common;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>
/// One write to the catalogue database: a connection and its transaction (holding the backend's write lock
/// where the change takes numbers), handed to every store the write touches (assets and their change numbers,
/// curations, the audit log, sources, harvest runs), so that what belongs together commits together or not
/// at all: a process killed, or a disk filling, between two parts leaves none of them. Disposed without
/// <see cref="Commit"/>, nothing of it is kept.
/// </summary>
public sealed class CatalogWrite : IDisposable
{
    private readonly List<CatalogChange> _changes = [];

    /// <summary>Takes the opened <paramref name="connection"/> and begins its transaction; the connection is closed if that fails.</summary>
    public CatalogWrite(DbConnection connection, Func<DbConnection, DbTransaction> begin)
    {
        Connection = connection;
        try
        {
            Transaction = begin(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>The numbered changes made through this write, in order: what the index is handed once it commits.</summary>
    public IReadOnlyList<CatalogChange> Changes => _changes;

    internal void Changed(IEnumerable<CatalogChange> changes) => _changes.AddRange(changes);

    public void Commit() => Transaction.Commit();

    public void Dispose()
    {
        Transaction.Dispose();
        Connection.Dispose();
    }
}
