using System.Diagnostics;
using DiscoveryPortal.Connectors.Files;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Search;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>
/// The one way into the catalogue: normalise, validate, merge curated fields, upsert in batches, then make
/// the changes searchable. Each batch is one <see cref="CatalogWrite"/>: its records, their change numbers,
/// the curations it saves and whatever the caller stores beside them (an audit entry, a checkpoint, a
/// harvest run's counts) commit together, and the index is handed the committed changes. A rejected
/// record is reported and never touches what is stored.
/// </summary>
public sealed class IngestionPipeline(RecordNormaliser normaliser, ICatalogStore catalog, IndexFollower index, Curation.CurationMerger merger)
{
    public const int BatchSize = 2000;

    /// <summary>
    /// Ingests file rows, each batch in its own write; <paramref name="curatedBy"/> names the account when they
    /// are registrations rather than a seed, and <paramref name="alsoInEachBatch"/> stores what belongs with a
    /// batch (its audit entry) in the batch's write. A failure of the catalogue stops it with
    /// <see cref="IngestStoppedException"/>, saying through which row everything was stored.
    /// </summary>
    public async Task<IngestReport> IngestAsync(IEnumerable<RecordFileRow> rows, IProgress<int>? progress, CancellationToken ct, string? curatedBy = null,
        Func<CatalogWrite, RowBatch, CancellationToken, Task>? alsoInEachBatch = null)
    {
        var watch = Stopwatch.StartNew();
        var report = new IngestReport();
        var batch = new List<CatalogEntry>(BatchSize);
        var (seen, first, last) = (0, 0L, 0L);
        // The next batch is read and normalised while the previous one is stored, and stored while the
        // one before it is indexed; writes stay in order.
        Task writing = Task.CompletedTask;
        var indexing = new IndexHandoff();
        try
        {
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                seen++;
                first = first == 0 ? row.Row : first;
                last = row.Row;
                if (row.Record is null || !row.IsValid)
                {
                    report.Problems.Add(new IngestProblem($"row {row.Row}", row.Problems));
                    continue;
                }
                var entry = Prepare(new CatalogEntry(row.Record, CuratedBy: curatedBy), $"row {row.Row}", report);
                if (entry is not null)
                {
                    batch.Add(entry);
                }
                if (batch.Count >= BatchSize)
                {
                    await writing;
                    progress?.Report(seen - batch.Count);
                    var (full, rowsOfBatch) = (batch, (first, last));
                    writing = Task.Run(() => CommitRowsAsync(full, rowsOfBatch, report, indexing, alsoInEachBatch, ct), ct);
                    batch = new List<CatalogEntry>(BatchSize);
                    first = 0;
                }
            }
            await writing;
            if (batch.Count > 0)
            {
                await CommitRowsAsync(batch, (first, last), report, indexing, alsoInEachBatch, ct);
            }
            await indexing.Pending;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new IngestStoppedException(report.StoredThroughRow, e);
        }
        progress?.Report(seen);
        report.Duration = watch.Elapsed;
        return report;
    }

    public async Task<IngestReport> IngestAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken ct) =>
        await WriteAsync(write => StoreAsync(write, entries, ct), ct);

    /// <summary>
    /// Runs <paramref name="work"/> in one catalogue write, commits it, then hands the committed changes to
    /// the index; a failure anywhere in <paramref name="work"/> leaves nothing of it stored.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<CatalogWrite, Task<T>> work, CancellationToken ct)
    {
        T result;
        IReadOnlyList<CatalogChange> changes;
        using (var write = catalog.BeginWrite())
        {
            result = await work(write);
            write.Commit();
            changes = write.Changes;
        }
        await index.CatchUpAsync(changes, ct);
        return result;
    }

    /// <summary>Normalises, validates, merges and stores records inside a write the caller commits.</summary>
    public async Task<IngestReport> StoreAsync(CatalogWrite write, IReadOnlyList<CatalogEntry> entries, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var report = new IngestReport();
        await StoreBatchAsync(write, entries.Select(e => Prepare(e, e.Record.Id, report)).OfType<CatalogEntry>().ToList(), report, ct);
        report.Duration = watch.Elapsed;
        return report;
    }

    public Task<IReadOnlyList<string>> WithdrawAsync(IReadOnlyList<string> ids, CancellationToken ct) =>
        WriteAsync(write => catalog.WithdrawAsync(write, ids, ct), ct);

    /// <summary>Withdraws records inside a write the caller commits.</summary>
    public Task<IReadOnlyList<string>> WithdrawAsync(CatalogWrite write, IReadOnlyList<string> ids, CancellationToken ct) =>
        catalog.WithdrawAsync(write, ids, ct);

    /// <summary>Removes records for good, from the catalogue and then from search.</summary>
    public Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<string> ids, CancellationToken ct) =>
        WriteAsync(write => catalog.DeleteAsync(write, ids, ct), ct);

    private CatalogEntry? Prepare(CatalogEntry entry, string where, IngestReport report)
    {
        var record = normaliser.Normalise(entry.Record);
        var problems = RecordValidator.Validate(record);
        if (problems.Count > 0)
        {
            report.Problems.Add(new IngestProblem(where, problems));
            return null;
        }
        return entry with { Record = record };
    }

    private async Task StoreBatchAsync(CatalogWrite write, List<CatalogEntry> batch, IngestReport report, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var merged = await merger.MergeAsync(write, batch, ct);
        var result = await catalog.UpsertAsync(write, merged.Entries, ct);
        if (merged.Absorbed.Count > 0)
        {
            await catalog.WithdrawAsync(write, merged.Absorbed, ct);
        }
        report.Added += result.Added.Count;
        report.Updated += result.Updated.Count;
        report.Unchanged += result.Unchanged;
    }

    private async Task CommitRowsAsync(List<CatalogEntry> batch, (long First, long Last) rows, IngestReport report, IndexHandoff indexing,
        Func<CatalogWrite, RowBatch, CancellationToken, Task>? alsoInBatch, CancellationToken ct)
    {
        var stored = new IngestReport();
        IReadOnlyList<CatalogChange> changes;
        using (var write = catalog.BeginWrite())
        {
            await StoreBatchAsync(write, batch, stored, ct);
            if (alsoInBatch is not null)
            {
                await alsoInBatch(write, new RowBatch(rows.First, rows.Last, stored.Added, stored.Updated, stored.Unchanged), ct);
            }
            write.Commit();
            changes = write.Changes;
        }
        report.Added += stored.Added;
        report.Updated += stored.Updated;
        report.Unchanged += stored.Unchanged;
        report.StoredThroughRow = rows.Last;
        // The changes just committed are handed over as they are (the index reads back only what it missed),
        // after the previous batch's, while the caller stores the next batch.
        await indexing.Pending;
        indexing.Pending = index.CatchUpAsync(changes, ct);
    }

    /// <summary>The indexing of the last stored batch, which the next batch waits for before handing its own changes.</summary>
    private sealed class IndexHandoff
    {
        public Task Pending { get; set; } = Task.CompletedTask;
    }
}

/// <summary>The file rows of one committed batch and what storing them did.</summary>
public sealed record RowBatch(long FirstRow, long LastRow, int Added, int Updated, int Unchanged);

/// <summary>
/// File rows stopped part way by a failure that was not the rows' own (a full disk, a read-only catalogue):
/// every batch up to <see cref="StoredThroughRow"/> (0: none) is stored, nothing after it.
/// </summary>
public sealed class IngestStoppedException(long storedThroughRow, Exception cause)
    : Exception(storedThroughRow == 0 ? $"nothing was stored: {cause.Message}" : $"nothing after row {storedThroughRow:N0} was stored: {cause.Message}", cause)
{
    public long StoredThroughRow { get; } = storedThroughRow;
}
