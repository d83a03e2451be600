using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>Where an import job is: waiting for the worker, under way, or ended (its result, or why it failed).</summary>
public enum ImportJobState
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>
/// An import job as its owner sees it: rows checked and stored so far, the file's rows and valid rows once the
/// check has read it all, and when it ended its result (every problem by row, column and reason) or its error.
/// </summary>
public sealed record ImportJobStatus(string Id, ImportJobState State, ImportMode Mode, string File, string Source, long RowsChecked, long RowsStored,
    long? TotalRows, long? ValidRows, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, ImportResult? Result, string? Error)
{
    public bool Ended => State is ImportJobState.Done or ImportJobState.Failed;
}

/// <summary>
/// Imports run in the background: <see cref="StartAsync"/> saves the upload to a temporary file and queues a job
/// (a bounded queue: when it is full the upload is refused, not piled up), <see cref="ImportWorker"/> runs the
/// jobs one at a time through <see cref="ImportService"/> (its rules unchanged: a dry run stores nothing, all
/// stores nothing of a file with a bad row), and the job's progress and result are kept in memory for
/// <see cref="Kept"/> after it ends. A job is its starter's: to anyone else it does not exist. The temporary
/// file is deleted when the job ends, fails, or is dropped because the portal stops.
/// </summary>
public sealed class ImportJobs(TimeProvider clock)
{
    /// <summary>How many uploads may wait for the worker.</summary>
    public const int QueueLength = 16;

    /// <summary>How long an ended job's status and result stay readable.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);
    private readonly Channel<ImportJob> _queue = Channel.CreateBounded<ImportJob>(new BoundedChannelOptions(QueueLength) { SingleReader = true });

    internal ChannelReader<ImportJob> Queue => _queue.Reader;

    /// <summary>The source of rows that name none: the one asked for, else the account's first source.</summary>
    public static string DefaultSource(string? asked, Account account) =>
        string.IsNullOrWhiteSpace(asked) ? account.Sources.FirstOrDefault() ?? "import" : asked.Trim();

    /// <summary>
    /// Saves <paramref name="upload"/> (read to its end) as a temporary file with <paramref name="extension"/>
    /// (<c>.csv</c> or <c>.jsonl</c>) and queues its import; null when the queue is full (nothing is kept then).
    /// </summary>
    public async Task<ImportJobStatus?> StartAsync(Stream upload, string extension, string fileName, string? source, ImportMode mode, Account account, CancellationToken ct)
    {
        Forget();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = Path.Combine(Path.GetTempPath(), $"portal-import-{id}{extension}");
        var job = new ImportJob(id, path, fileName, DefaultSource(source, account), mode, account, clock.GetUtcNow());
        try
        {
            // The body goes to a file so it can be read twice (check, then store) without being held in memory.
            await using (var file = File.Create(path))
            {
                await upload.CopyToAsync(file, ct);
            }
            _jobs[id] = job;
            if (!_queue.Writer.TryWrite(job))
            {
                _jobs.TryRemove(id, out _);
                File.Delete(path);
                return null;
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return job.Status();
    }

    /// <summary>The job's status, if <paramref name="account"/> started it and it has not been forgotten.</summary>
    public ImportJobStatus? Find(string? id, Account account)
    {
        Forget();
        return id is not null && _jobs.TryGetValue(id, out var job) && string.Equals(job.Account.Name, account.Name, StringComparison.Ordinal) ? job.Status() : null;
    }

    /// <summary>
    /// Waits for the job to end and gives its result; a job that failed throws what stopped it (a catalogue
    /// fault stays one, so the caller answers it as it answers any write the catalogue could not take).
    /// </summary>
    public async Task<ImportResult> ResultAsync(string id, Account account, CancellationToken ct)
    {
        if (!_jobs.TryGetValue(id, out var job) || !string.Equals(job.Account.Name, account.Name, StringComparison.Ordinal))
        {
            throw new KeyNotFoundException($"no import job '{id}' of {account.Name}");
        }
        return await job.Ended.Task.WaitAsync(ct);
    }

    /// <summary>Drops the ended jobs older than <see cref="Kept"/>.</summary>
    private void Forget()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, job) in _jobs)
        {
            if (job.FinishedAt is { } finished && now - finished > Kept)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }

    internal DateTimeOffset Now => clock.GetUtcNow();
}

/// <summary>One import: what to import for whom, and where it is (written by the worker, read by requests).</summary>
internal sealed class ImportJob(string id, string path, string fileName, string source, ImportMode mode, Account account, DateTimeOffset created) : IProgress<ImportProgress>
{
    private volatile ImportProgress _progress = new(0, 0, null, null);
    private volatile StateBox _state = new(ImportJobState.Queued, null, null, null);

    public string Id => id;
    public string Path => path;
    public string Source => source;
    public ImportMode Mode => mode;
    public Account Account => account;
    public DateTimeOffset? FinishedAt => _state.FinishedAt;
    public TaskCompletionSource<ImportResult> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Report(ImportProgress value) => _progress = value;

    public void Run() => _state = new(ImportJobState.Running, null, null, null);

    public void Finish(ImportResult result, DateTimeOffset at)
    {
        _progress = new ImportProgress(result.Rows, result.Committed ? result.Stored : 0, result.Rows, result.Valid);
        _state = new(ImportJobState.Done, at, result, null);
        Ended.TrySetResult(result);
    }

    public void Fail(Exception e, string error, DateTimeOffset at)
    {
        _state = new(ImportJobState.Failed, at, null, error);
        Ended.TrySetException(e);
        // Nobody may be waiting; the failure is the status's to tell then.
        _ = Ended.Task.Exception;
    }

    public ImportJobStatus Status()
    {
        var (state, progress) = (_state, _progress);
        return new(id, state.State, mode, fileName, source, progress.Checked, progress.Stored, progress.Rows, progress.Valid, created, state.FinishedAt, state.Result, state.Error);
    }

    /// <summary>The state and what goes with it, swapped as one so a reader never sees half of a change.</summary>
    private sealed record StateBox(ImportJobState State, DateTimeOffset? FinishedAt, ImportResult? Result, string? Error);
}

/// <summary>
/// The background worker of <see cref="ImportJobs"/>: reads the queue and runs one import at a time (the
/// catalogue takes one write at a time anyway); deletes each job's file whatever happens, and those of jobs
/// still waiting when the portal stops.
/// </summary>
public sealed class ImportWorker(ImportJobs jobs, ImportService imports, AuditLog audit, ILogger<ImportWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in jobs.Queue.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        while (jobs.Queue.TryRead(out var left))
        {
            File.Delete(left.Path);
            left.Fail(new OperationCanceledException(), "The portal stopped before this import ran; nothing was stored. Upload the file again.", jobs.Now);
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken ct)
    {
        job.Run();
        try
        {
            var result = await imports.ImportAsync(job.Path, job.Source, job.Mode, job.Account, job, ct);
            if (result.Committed)
            {
                // Each batch has its own entry; this one says which file they came from.
                await audit.RecordAsync(job.Account.Name, "import", "import:" + job.Source, null,
                    new { file = job.Status().File, result.Rows, result.Valid, result.Invalid, result.Added, result.Updated }, CancellationToken.None);
            }
            job.Finish(result, jobs.Now);
        }
        catch (Exception e)
        {
            if (CatalogFault.Of(e) is null && e is not OperationCanceledException)
            {
                log.LogError(e, "Import job {Job} of {Account} failed", job.Id, job.Account.Name);
            }
            job.Fail(e, Describe(e), jobs.Now);
        }
        finally
        {
            File.Delete(job.Path);
        }
    }

    /// <summary>Why a job failed, in the words the portal uses for a write the catalogue could not take.</summary>
    public static string Describe(Exception e)
    {
        var stored = e is IngestStoppedException { StoredThroughRow: > 0 } stopped
            ? $"the rows up to row {stopped.StoredThroughRow:N0} are stored, nothing after it"
            : "nothing was stored";
        return CatalogFault.Of(e) is { } fault
            ? $"{char.ToUpperInvariant(fault.Cause[0])}{fault.Cause[1..]}; {stored}. Try the import again later."
            : e is OperationCanceledException
                ? $"The portal stopped during the import; {stored}."
                : $"The import failed on the portal's side; {stored}.";
    }
}
