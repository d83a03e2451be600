using DiscoveryPortal.Connectors.Files;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Accounts;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>How an import commits: not at all (a dry run), only the valid rows, or all rows or none.</summary>
public enum ImportMode
{
    DryRun,
    Valid,
    All,
}

/// <summary>One problem of an import file, by row, column and reason.</summary>
public sealed record ImportProblem(long Row, string Column, string Reason)
{
    public override string ToString() => $"row {Row}: {Column} {Reason}";
}

/// <summary>What the check of an import file found.</summary>
public sealed record ImportCheck(long Rows, long Valid, IReadOnlyList<ImportProblem> Problems, long ProblemsNotListed, IReadOnlySet<long> BadRows)
{
    public long Invalid => Rows - Valid;
}

/// <summary>
/// How far an import is: rows checked, then rows stored; <see cref="Rows"/> and <see cref="Valid"/> are known once
/// the check has read the whole file (the rows to store are the valid ones).
/// </summary>
public sealed record ImportProgress(long Checked, long Stored, long? Rows, long? Valid);

/// <summary>What an import found and did.</summary>
public sealed record ImportResult(ImportMode Mode, long Rows, long Valid, long Invalid, bool Committed, int Added, int Updated, int Unchanged,
    IReadOnlyList<ImportProblem> Problems, long ProblemsNotListed)
{
    public long Stored => Added + Updated + Unchanged;
}

/// <summary>
/// Checks and imports a CSV or JSON-lines file in bounded memory: the rows stream through twice (check,
/// then store), so only ids, the numbers of bad rows and the first <see cref="ListedProblems"/> problems
/// are held. Besides each row's own problems it finds ids used twice, values outside the shared
/// vocabularies and, for a curator, rows outside their sources and missions and rows whose id or DOI would
/// merge them into a record of a source the curator does not curate (<see cref="Curation.MergeScope"/>).
/// Each stored batch has its audit entry (who, the rows, what they did) in the batch's own write.
/// </summary>
public sealed class ImportService(IngestionPipeline pipeline, Curation.MergeScope merges, AuditLog audit, TimeProvider clock)
{
    public const int ListedProblems = 1_000;

    /// <summary>How many rows the check reads between two reports of its progress.</summary>
    public const int CheckedEvery = 100;

    public async Task<ImportResult> ImportAsync(string path, string defaultSource, ImportMode mode, Account? account, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var check = await CheckAsync(path, defaultSource, account, ct, progress is null ? null : n => progress.Report(new ImportProgress(n, 0, null, null)));
        progress?.Report(new ImportProgress(check.Rows, 0, check.Rows, check.Valid));
        if (mode == ImportMode.DryRun || (mode == ImportMode.All && check.Invalid > 0) || check.Valid == 0)
        {
            return new ImportResult(mode, check.Rows, check.Valid, check.Invalid, false, 0, 0, 0, check.Problems, check.ProblemsNotListed);
        }
        var accepted = RecordFileReader.Read(path, defaultSource).Where(r => r.IsValid && !check.BadRows.Contains(r.Row));
        var actor = account?.Name ?? AuditLog.CommandLine;
        var report = await pipeline.IngestAsync(accepted, progress is null ? null : new StoredRows(n => progress.Report(new ImportProgress(check.Rows, n, check.Rows, check.Valid))), ct, account?.Name ?? "import",
            (write, batch, token) => audit.RecordAsync(write, actor, "import", "import:" + defaultSource, null,
                new { rows = $"{batch.FirstRow}-{batch.LastRow}", batch.Added, batch.Updated, batch.Unchanged }, token));
        return new ImportResult(mode, check.Rows, check.Valid, check.Invalid, true, report.Added, report.Updated, report.Unchanged, check.Problems, check.ProblemsNotListed);
    }

    /// <summary>The check of <see cref="Check(string, string, Account?, DateTimeOffset, CancellationToken)"/> and, for a curator, whether each row may merge where its id or DOI would take it.</summary>
    public async Task<ImportCheck> CheckAsync(string path, string defaultSource, Account? account, CancellationToken ct, Action<long>? rowsChecked = null)
    {
        var registrations = account is null || account.Role == Roles.Administrator ? null : new List<(long Row, string Id, string? Doi)>();
        var check = Check(path, defaultSource, account, clock.GetUtcNow(), ct, registrations, rowsChecked);
        if (registrations is not { Count: > 0 })
        {
            return check;
        }
        var problems = check.Problems.ToList();
        var bad = new HashSet<long>(check.BadRows);
        var notListed = check.ProblemsNotListed;
        foreach (var chunk in registrations.Chunk(Curation.MergeScope.Batch))
        {
            var refusals = await merges.RefusalsAsync(chunk.Select(r => (r.Id, r.Doi)).ToList(), account!, ct);
            foreach (var (row, id, doi) in chunk)
            {
                if (refusals.TryGetValue(id, out var reason))
                {
                    bad.Add(row);
                    if (problems.Count < ListedProblems)
                    {
                        problems.Add(new ImportProblem(row, doi is not null && !reason.StartsWith("id ", StringComparison.Ordinal) ? "doi" : "id", reason));
                    }
                    else
                    {
                        notListed++;
                    }
                }
            }
        }
        problems.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new ImportCheck(check.Rows, check.Rows - bad.Count, problems, notListed, bad);
    }

    /// <summary>Reads the whole file once and lists what is wrong with it; stores nothing.</summary>
    public static ImportCheck Check(string path, string defaultSource, Account? account, DateTimeOffset now, CancellationToken ct) =>
        Check(path, defaultSource, account, now, ct, null, null);

    /// <summary>The check, collecting the id and DOI of each row that passed it into <paramref name="registrations"/> when given.</summary>
    private static ImportCheck Check(string path, string defaultSource, Account? account, DateTimeOffset now, CancellationToken ct, List<(long Row, string Id, string? Doi)>? registrations,
        Action<long>? rowsChecked)
    {
        var firstRow = new Dictionary<string, long>(StringComparer.Ordinal);
        var problems = new List<ImportProblem>();
        var bad = new HashSet<long>();
        long rows = 0, notListed = 0;
        void Add(long row, string column, string reason)
        {
            bad.Add(row);
            if (problems.Count < ListedProblems)
            {
                problems.Add(new ImportProblem(row, column, reason));
            }
            else
            {
                notListed++;
            }
        }
        foreach (var row in RecordFileReader.Read(path, defaultSource))
        {
            ct.ThrowIfCancellationRequested();
            if (++rows % CheckedEvery == 0)
            {
                rowsChecked?.Invoke(rows);
            }
            foreach (var p in row.Problems)
            {
                Add(row.Row, p.Field, p.Reason);
            }
            if (row.Record is not { } record)
            {
                if (row.Problems.Count == 0)
                {
                    Add(row.Row, "row", "holds no record");
                }
                continue;
            }
            // The readers applied the model's own rules already; a record they return passed them.
            foreach (var p in RegistrationRules.BeyondModel(record, now))
            {
                Add(row.Row, p.Field, p.Reason);
            }
            if (firstRow.TryGetValue(record.Id, out var earlier))
            {
                Add(row.Row, "id", $"'{record.Id}' is on row {earlier} already");
            }
            else
            {
                firstRow[record.Id] = row.Row;
            }
            if (account is not null && !account.MayChange(record.SourceId, record.Mission))
            {
                Add(row.Row, "source", $"'{record.SourceId}'{(record.Mission is null ? "" : $" ({record.Mission})")} is not among the sources and missions {account.Name} curates");
            }
            if (registrations is not null && !bad.Contains(row.Row))
            {
                registrations.Add((row.Row, record.Id, record.Doi));
            }
        }
        return new ImportCheck(rows, rows - bad.Count, problems, notListed, bad);
    }

    /// <summary>Reports the pipeline's stored rows as they come, not later on the thread pool as <see cref="Progress{T}"/> would.</summary>
    private sealed class StoredRows(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
