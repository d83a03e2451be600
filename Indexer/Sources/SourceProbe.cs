using System.Diagnostics;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Tap;
using DiscoveryPortal.Indexer.Ingestion;

namespace DiscoveryPortal.Indexer.Sources;

/// <summary>What a source answered when it was probed: whether a harvest can read it, and what it said.</summary>
public sealed record SourceProbeResult(bool Ok, string Summary, IReadOnlyList<string> Findings, IReadOnlyList<string> SampleTitles, double Seconds, DateTimeOffset At);

/// <summary>
/// Asks a source what a harvest would ask, before it is saved: what its kind asks first (TAP's VOSI
/// capabilities, say), then the first page through the real connector (a few records, nothing stored). Requests go
/// through the outbound guard, with short timeouts and few retries, since a person waits for the answer.
/// </summary>
public sealed class SourceProbe(IHttpClientFactory http, OutboundGuard guard, MissionVocabulary missions, TimeProvider clock)
{
    public const int SampleSize = 5;

    public static readonly RetryPolicy ProbeRetry = new(Attempts: 2, FirstDelay: TimeSpan.FromMilliseconds(200), Timeout: TimeSpan.FromSeconds(15), LongestRetryAfter: TimeSpan.FromSeconds(2));

    public async Task<SourceProbeResult> ProbeAsync(SourceDefinition source, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var findings = new List<string>();
        if (DescriptionProblems(source) is { Count: > 0 } problems)
        {
            return Result(false, "The source is not described right.", problems, [], watch);
        }
        var kind = SourceKinds.Find(source.Kind)!;
        if (source.Recorded is not null || !kind.Registrable)
        {
            return Result(false, "Recorded sources are the deployment's own; register a service URL.", [$"kind '{source.Kind}' cannot be registered"], [], watch);
        }
        if (guard.CheckUrl(new Uri(source.Url!, UriKind.Absolute)) is { } refused)
        {
            return Result(false, "The URL may not be harvested.", [refused], [], watch);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(45));
        var client = http.CreateClient(SourceHarvester.HttpClientName);
        var probe = source.ForProbe(SampleSize);
        try
        {
            findings.AddRange(await kind.PreflightAsync(probe, client, ProbeRetry, timeout.Token));
            var connector = HarvestConnectors.Create(probe, new SourceFile(), client, missions, clock, ProbeRetry);
            await connector.PrepareAsync(timeout.Token);
            await foreach (var page in connector.PagesAsync(new HarvestCursor(), timeout.Token))
            {
                var titles = page.Records.Take(SampleSize).Select(r => r.Title).ToList();
                var failed = page.Failures.Count(f => !f.Kept);
                findings.Add($"first page: {page.Records.Count} records, {failed} that could not be read");
                findings.AddRange(page.Failures.Take(3).Select(f => $"{f.Where}: {f.Reason}"));
                var ok = page.Records.Count > 0 || failed == 0;
                return Result(ok, ok ? $"Answered in {watch.Elapsed.TotalSeconds:F1} s; a harvest can read it." : "The source answered, but none of its first records could be read.", findings, titles, watch);
            }
            findings.Add("the source answered with no records");
            return Result(true, $"Answered in {watch.Elapsed.TotalSeconds:F1} s, with no records yet.", findings, [], watch);
        }
        catch (Exception e) when (e is HarvestPageException or SourceHttpException or TapServiceException or HttpRequestException or FormatException or System.Xml.XmlException or System.Text.Json.JsonException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            findings.Add(e is OperationCanceledException ? "no answer within 45 s" : OutboundRefusedException.In(e)?.Message ?? e.Message);
            return Result(false, "The source could not be read.", findings, [], watch);
        }
    }

    /// <summary>
    /// What is wrong with a definition before anything is asked of the source. A probed source is read over
    /// the network, so its URL is an absolute http(s) URL even where the sources file allows a path.
    /// </summary>
    public static List<string> DescriptionProblems(SourceDefinition source)
    {
        var problems = source.Problems();
        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"url '{source.Url}' is not an absolute http(s) URL");
        }
        return problems.Distinct().ToList();
    }

    private SourceProbeResult Result(bool ok, string summary, IReadOnlyList<string> findings, IReadOnlyList<string> titles, Stopwatch watch) =>
        new(ok, summary, findings, titles, Math.Round(watch.Elapsed.TotalSeconds, 2), clock.GetUtcNow());
}
