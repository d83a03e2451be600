using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Tap;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Ingestion;

/// <summary>Where a running harvest is: pages and rows so far, and the key it would resume after.</summary>
public sealed record HarvestProgress(int Pages, int Rows, string? LastKey);

/// <summary>
/// Runs one harvest of one source: page by page into the catalogue, with a checkpoint after every
/// committed page so a killed run resumes where it stopped; then, only when every page was read,
/// withdraws what the source no longer lists and refreshes the collection summaries. A page that
/// cannot be read ends the run as failed: what it held is reported, and nothing stored is removed.
/// </summary>
public sealed class HarvestRunner(IngestionPipeline pipeline, ICatalogStore catalog, TimeProvider clock)
{
    public const string ResumeKey = "harvest.after";
    public const string ResumeSince = "harvest.since";
    public const string Watermark = "harvest.watermark";

    public async Task<HarvestRun> RunAsync(string sourceId, IHarvestConnector connector, IProgress<HarvestProgress>? progress, CancellationToken ct, bool full = false)
    {
        var started = clock.GetUtcNow();
        var errors = new List<HarvestError>();
        var (pages, rows, added, updated, unchanged, removed, failed) = (0, 0, 0, 0, 0, 0, 0);

        try
        {
            await connector.PrepareAsync(ct);
        }
        catch (Exception e) when (e is HarvestPageException or SourceHttpException)
        {
            var sample = e is HarvestPageException p ? p.Sample : ((SourceHttpException)e).Sample;
            var failedRun = new HarvestRun(sourceId, started, clock.GetUtcNow(), "full", "failed", 0, 0, 0, 0, 0, 0, 0, [new HarvestError("service", e.Message, sample)]);
            await catalog.RecordHarvestAsync(failedRun, CancellationToken.None);
            return failedRun;
        }
        var resumeAfter = await catalog.GetCheckpointAsync(sourceId, ResumeKey, ct);
        DateTimeOffset? since;
        string mode;
        if (resumeAfter is not null)
        {
            since = Parse(await catalog.GetCheckpointAsync(sourceId, ResumeSince, ct));
            mode = "resumed";
        }
        else
        {
            since = full || !connector.SupportsIncremental ? null : Parse(await catalog.GetCheckpointAsync(sourceId, Watermark, ct));
            mode = since is null ? "full" : "incremental";
            await catalog.SetCheckpointAsync(sourceId, ResumeSince, since?.ToString("O") ?? "", ct);
        }
        var newest = since;
        var status = "completed";
        try
        {
            await foreach (var page in connector.PagesAsync(new HarvestCursor(resumeAfter, since), ct))
            {
                pages++;
                rows += page.Records.Count + page.Failures.Count;
                failed += page.Failures.Count;
                errors.AddRange(page.Failures.Select(f => new HarvestError(f.Where, f.Reason, f.Sample)));
                var report = await pipeline.IngestAsync(page.Records.Select(r => new CatalogEntry(r)).ToList(), ct);
                (added, updated, unchanged) = (added + report.Added, updated + report.Updated, unchanged + report.Unchanged);
                failed += report.Problems.Count;
                errors.AddRange(report.Problems.Select(p => new HarvestError(p.Where, string.Join("; ", p.Problems.Select(q => $"{q.Field} {q.Reason}")), p.Where)));
                if (page.Withdrawn is { Count: > 0 } withdrawn)
                {
                    removed += (await pipeline.WithdrawAsync(withdrawn, ct)).Count;
                }
                if (page.LastKey is not null)
                {
                    await catalog.SetCheckpointAsync(sourceId, ResumeKey, page.LastKey, ct);
                }
                if (page.NewestChange is { } changed && (newest is null || changed > newest))
                {
                    newest = changed;
                }
                progress?.Report(new HarvestProgress(pages, rows, page.LastKey));
            }

            // Every page is in: now the summaries, then what the source no longer lists.
            var summaries = await connector.SummariesAsync(ct);
            var summaryReport = await pipeline.IngestAsync(summaries.Select(r => new CatalogEntry(r)).ToList(), ct);
            (added, updated, unchanged) = (added + summaryReport.Added, updated + summaryReport.Updated, unchanged + summaryReport.Unchanged);
            var summaryIds = summaries.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            if (connector.CurrentIdsAsync(ct) is { } listing)
            {
                var current = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var id in listing)
                {
                    current.Add(id);
                }
                current.UnionWith(summaryIds);
                var stored = await catalog.IdsOfSourceAsync(sourceId, ct);
                var gone = stored.Where(id => !current.Contains(id)).ToList();
                if (current.Count == summaryIds.Count && stored.Count > summaryIds.Count)
                {
                    // A source that suddenly lists nothing is more likely broken than emptied.
                    errors.Add(new HarvestError("withdrawals", $"the source listed no records while {stored.Count} are stored; nothing was withdrawn", ""));
                }
                else if (gone.Count > 0)
                {
                    removed = (await pipeline.WithdrawAsync(gone, ct)).Count;
                }
            }
            await catalog.RemoveCheckpointAsync(sourceId, ResumeKey, ct);
            await catalog.RemoveCheckpointAsync(sourceId, ResumeSince, ct);
            if (newest is not null)
            {
                await catalog.SetCheckpointAsync(sourceId, Watermark, newest.Value.ToString("O"), ct);
            }
        }
        catch (HarvestPageException e)
        {
            status = "failed";
            errors.Add(new HarvestError("page", e.Message, e.Sample));
        }
        catch (TapServiceException e)
        {
            status = "failed";
            errors.Add(new HarvestError("service", e.Message, ""));
        }
        catch (SourceHttpException e)
        {
            status = "failed";
            errors.Add(new HarvestError("service", e.Message, e.Sample));
        }
        catch (OperationCanceledException)
        {
            status = "cancelled";
        }
        var run = new HarvestRun(sourceId, started, clock.GetUtcNow(), mode, status, pages, rows, added, updated, unchanged, removed, failed, errors);
        await catalog.RecordHarvestAsync(run, CancellationToken.None);
        return run;
    }

    private static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var t) ? t : null;
}
