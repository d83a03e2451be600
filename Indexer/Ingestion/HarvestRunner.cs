using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Tap;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>Where a running harvest is: pages and rows so far, and the key it would resume after.</summary>
public sealed record HarvestProgress(int Pages, int Rows, string? LastKey);

/// <summary>
/// Runs one harvest of one source: page by page into the catalogue, each page in one write with its
/// checkpoint and the run's counts, so a killed run resumes after its last committed page and its record
/// says what it did; then, only when every page was read, withdraws what the source no longer lists and
/// refreshes the collection summaries. The run is recorded as running when it starts. A page that cannot
/// be read ends the run as failed: what it held is reported, and nothing stored is removed.
/// </summary>
public sealed class HarvestRunner(IngestionPipeline pipeline, ICatalogStore catalog, TimeProvider clock)
{
    public const string ResumeKey = "harvest.after";
    public const string ResumeSince = "harvest.since";
    public const string Watermark = "harvest.watermark";

    public async Task<HarvestRun> RunAsync(string sourceId, IHarvestConnector connector, IProgress<HarvestProgress>? progress, CancellationToken ct, bool full = false,
        HarvestHolder? holder = null)
    {
        var started = clock.GetUtcNow();
        var resumeAfter = await catalog.GetCheckpointAsync(sourceId, ResumeKey, ct);
        // Whether a run that does not resume is incremental is known once the connector is prepared.
        var mode = resumeAfter is null ? "full" : "resumed";
        var tally = new Tally();
        HarvestRun Run(string status, Tally t) =>
            new(sourceId, started, clock.GetUtcNow(), mode, status, t.Pages, t.Rows, t.Added, t.Updated, t.Unchanged, t.Removed, t.Failed, t.Errors);
        var id = await catalog.StartHarvestAsync(Run(HarvestRun.Running, tally), holder ?? HarvestHolder.ThisProcess, ct);

        try
        {
            await connector.PrepareAsync(ct);
        }
        catch (Exception e) when (e is HarvestPageException or SourceHttpException)
        {
            var sample = e is HarvestPageException p ? p.Sample : ((SourceHttpException)e).Sample;
            tally.Errors.Add(new HarvestError("service", e.Message, sample));
            return await FinishAsync(id, Run("failed", tally));
        }
        var since = Parse(await catalog.GetCheckpointAsync(sourceId, resumeAfter is null ? Watermark : ResumeSince, ct));
        if (resumeAfter is null)
        {
            since = full || !connector.SupportsIncremental ? null : since;
            mode = since is null ? "full" : "incremental";
        }
        var status = "completed";
        try
        {
            if (resumeAfter is null)
            {
                await catalog.SetCheckpointAsync(sourceId, ResumeSince, since?.ToString("O") ?? "", ct);
            }
            var newest = since;
            await foreach (var page in connector.PagesAsync(new HarvestCursor(resumeAfter, since), ct))
            {
                // The page's records, its checkpoint and the run's counts after it commit together.
                tally = await pipeline.WriteAsync(async write =>
                {
                    var next = tally.Copy();
                    next.Pages++;
                    // A kept failure is a stored record with a field flagged: reported, not counted as failed.
                    var failed = page.Failures.Count(f => !f.Kept);
                    next.Rows += page.Records.Count + failed;
                    next.Failed += failed;
                    next.Errors.AddRange(page.Failures.Select(f => new HarvestError(f.Where, f.Reason, f.Sample)));
                    var report = await pipeline.StoreAsync(write, page.Records.Select(r => new CatalogEntry(r)).ToList(), ct);
                    next.Count(report);
                    if (page.Withdrawn is { Count: > 0 } withdrawn)
                    {
                        next.Removed += (await pipeline.WithdrawAsync(write, withdrawn, ct)).Count;
                    }
                    if (page.LastKey is not null)
                    {
                        await catalog.SetCheckpointAsync(write, sourceId, ResumeKey, page.LastKey, ct);
                    }
                    await catalog.UpdateHarvestAsync(write, id, Run(HarvestRun.Running, next), ct);
                    return next;
                }, ct);
                if (page.NewestChange is { } changed && (newest is null || changed > newest))
                {
                    newest = changed;
                }
                progress?.Report(new HarvestProgress(tally.Pages, tally.Rows, page.LastKey));
            }

            // Every page is in: now the summaries, then what the source no longer lists, and the run's end, in one write.
            var summaries = await connector.SummariesAsync(ct);
            var summaryIds = summaries.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            List<string>? gone = null;
            if (connector.CurrentIdsAsync(ct) is { } listing)
            {
                var current = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var listed in listing)
                {
                    current.Add(listed);
                }
                current.UnionWith(summaryIds);
                var stored = await catalog.IdsOfSourceAsync(sourceId, ct);
                if (current.Count == summaryIds.Count && stored.Count > summaryIds.Count)
                {
                    // A source that suddenly lists nothing is more likely broken than emptied.
                    tally.Errors.Add(new HarvestError("withdrawals", $"the source listed no records while {stored.Count} are stored; nothing was withdrawn", ""));
                }
                else
                {
                    gone = stored.Where(s => !current.Contains(s)).ToList();
                }
            }
            return await pipeline.WriteAsync(async write =>
            {
                var next = tally.Copy();
                var summaryReport = await pipeline.StoreAsync(write, summaries.Select(r => new CatalogEntry(r)).ToList(), ct);
                (next.Added, next.Updated, next.Unchanged) = (next.Added + summaryReport.Added, next.Updated + summaryReport.Updated, next.Unchanged + summaryReport.Unchanged);
                if (gone is { Count: > 0 })
                {
                    next.Removed = (await pipeline.WithdrawAsync(write, gone, ct)).Count;
                }
                await catalog.RemoveCheckpointAsync(write, sourceId, ResumeKey, ct);
                await catalog.RemoveCheckpointAsync(write, sourceId, ResumeSince, ct);
                if (newest is not null)
                {
                    await catalog.SetCheckpointAsync(write, sourceId, Watermark, newest.Value.ToString("O"), ct);
                }
                var run = Run(status, next);
                await catalog.UpdateHarvestAsync(write, id, run, ct);
                return run;
            }, ct);
        }
        catch (HarvestPageException e)
        {
            status = "failed";
            tally.Errors.Add(new HarvestError("page", e.Message, e.Sample));
        }
        catch (TapServiceException e)
        {
            status = "failed";
            tally.Errors.Add(new HarvestError("service", e.Message, ""));
        }
        catch (SourceHttpException e)
        {
            status = "failed";
            tally.Errors.Add(new HarvestError("service", e.Message, e.Sample));
        }
        catch (OperationCanceledException)
        {
            status = "cancelled";
        }
        catch (Exception e)
        {
            // Anything else (a connector's own failure, or the catalogue's: a full disk) ends the run as failed
            // where that can still be written; where it cannot, the run stays running until found dead.
            tally.Errors.Add(new HarvestError("service", HarvestError.MessageOf(e), ""));
            HarvestRun failed;
            try
            {
                failed = await FinishAsync(id, Run("failed", tally));
            }
            catch (Exception) when (CatalogFault.Of(e) is not null)
            {
                failed = Run("failed", tally);
            }
            throw new HarvestStoppedException(failed, e);
        }
        return await FinishAsync(id, Run(status, tally));
    }

    private async Task<HarvestRun> FinishAsync(long id, HarvestRun run)
    {
        await catalog.UpdateHarvestAsync(null, id, run, CancellationToken.None);
        return run;
    }

    private static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var t) ? t : null;

    /// <summary>A run's counts so far: copied for each page's write and kept only once the write commits.</summary>
    private sealed class Tally
    {
        public int Pages, Rows, Added, Updated, Unchanged, Removed, Failed;
        public List<HarvestError> Errors { get; private set; } = [];

        public Tally Copy()
        {
            var copy = (Tally)MemberwiseClone();
            copy.Errors = [.. Errors];
            return copy;
        }

        public void Count(IngestReport report)
        {
            (Added, Updated, Unchanged) = (Added + report.Added, Updated + report.Updated, Unchanged + report.Unchanged);
            Failed += report.Problems.Count;
            Errors.AddRange(report.Problems.Select(p => new HarvestError(p.Where, string.Join("; ", p.Problems.Select(q => $"{q.Field} {q.Reason}")), p.Where)));
        }
    }
}

/// <summary>A harvest stopped by a failure that was neither a page's nor the source's answer; <see cref="Run"/> is the run as recorded.</summary>
public sealed class HarvestStoppedException(HarvestRun run, Exception cause) : Exception(cause.Message, cause)
{
    public HarvestRun Run { get; } = run;
}
