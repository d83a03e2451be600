using System.Diagnostics;
using DiscoveryPortal.Connectors.Files;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Search;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>
/// The one way into the catalogue: normalise, validate, upsert in batches, then make the changes
/// searchable. A rejected record is reported and never touches what is stored.
/// </summary>
public sealed class IngestionPipeline(RecordNormaliser normaliser, ICatalogStore catalog, IndexFollower index, Curation.CurationMerger merger)
{
    public const int BatchSize = 2000;

    /// <summary>Ingests file rows; <paramref name="curatedBy"/> names the account when they are registrations rather than a seed.</summary>
    public async Task<IngestReport> IngestAsync(IEnumerable<RecordFileRow> rows, IProgress<int>? progress, CancellationToken ct, string? curatedBy = null)
    {
        var watch = Stopwatch.StartNew();
        var report = new IngestReport();
        var batch = new List<CatalogEntry>(BatchSize);
        var seen = 0;
        // The next batch is read and normalised while the previous one is stored, and stored while the
        // one before it is indexed; writes stay in order.
        Task writing = Task.CompletedTask;
        var indexing = new IndexHandoff();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            seen++;
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
                var full = batch;
                writing = Task.Run(() => CommitAsync(full, report, indexing, ct), ct);
                batch = new List<CatalogEntry>(BatchSize);
            }
        }
        await writing;
        await CommitAsync(batch, report, indexing, ct);
        await indexing.Pending;
        progress?.Report(seen);
        report.Duration = watch.Elapsed;
        return report;
    }

    public async Task<IngestReport> IngestAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var report = new IngestReport();
        var batch = entries.Select(e => Prepare(e, e.Record.Id, report)).OfType<CatalogEntry>().ToList();
        var indexing = new IndexHandoff();
        await CommitAsync(batch, report, indexing, ct);
        await indexing.Pending;
        report.Duration = watch.Elapsed;
        return report;
    }

    public async Task<IReadOnlyList<string>> WithdrawAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var withdrawn = await catalog.WithdrawAsync(ids, ct);
        await index.CatchUpAsync(null, ct);
        return withdrawn;
    }

    /// <summary>Removes records for good, from the catalogue and then from search.</summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var deleted = await catalog.DeleteAsync(ids, ct);
        await index.CatchUpAsync(null, ct);
        return deleted;
    }

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

    private async Task CommitAsync(List<CatalogEntry> batch, IngestReport report, IndexHandoff indexing, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var merged = await merger.MergeAsync(batch, ct);
        var result = await catalog.UpsertAsync(merged.Entries, ct);
        if (merged.Absorbed.Count > 0)
        {
            await catalog.WithdrawAsync(merged.Absorbed, ct);
        }
        // The changes just made are handed over as they are (the index reads back only what it missed),
        // after the previous batch's, while the caller stores the next batch.
        await indexing.Pending;
        indexing.Pending = index.CatchUpAsync(result.Changes, ct);
        report.Added += result.Added.Count;
        report.Updated += result.Updated.Count;
        report.Unchanged += result.Unchanged;
    }

    /// <summary>The indexing of the last stored batch, which the next batch waits for before handing its own changes.</summary>
    private sealed class IndexHandoff
    {
        public Task Pending { get; set; } = Task.CompletedTask;
    }
}
