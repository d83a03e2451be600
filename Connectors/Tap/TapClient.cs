using System.Net;
using System.Xml.Linq;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.VoTable;
using Polly;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>A TAP service could not answer a request; the message names the service and what it said.</summary>
public sealed class TapServiceException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Talks to one IVOA TAP service: VOSI availability and capabilities, TAP_SCHEMA discovery, synchronous
/// queries with MAXREC, and asynchronous UWS jobs (create, run, poll with backoff, fetch, delete).
/// Every request goes through the retry pipeline; every result is read by <see cref="VoTableReader"/>.
/// </summary>
public sealed class TapClient
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public TapClient(HttpClient http, Uri baseUrl, RetryPolicy? retry = null)
    {
        _http = http;
        BaseUrl = new Uri(baseUrl.ToString().TrimEnd('/') + "/");
        _pipeline = HttpResilience.Build(retry ?? RetryPolicy.Default);
    }

    public Uri BaseUrl { get; }

    /// <summary>How often <see cref="RunJobAsync"/> asks a job for its phase: first after this, then doubling up to 5 s.</summary>
    public TimeSpan FirstPoll { get; init; } = TimeSpan.FromMilliseconds(250);

    public async Task<bool> IsAvailableAsync(CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Resolve("availability")), ct);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }
        var doc = XDocument.Load(await response.Content.ReadAsStreamAsync(ct));
        return doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "available")?.Value.Trim() == "true";
    }

    public async Task<TapCapabilities> GetCapabilitiesAsync(CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Resolve("capabilities")), ct);
        await EnsureSuccessAsync(response, "capabilities", ct);
        return TapCapabilities.Parse(await response.Content.ReadAsStreamAsync(ct));
    }

    /// <summary>The columns TAP_SCHEMA lists for each of the given tables (an absent table is absent from the answer).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetColumnsAsync(IEnumerable<string> tables, CancellationToken ct)
    {
        var query = AdqlQuery.From("TAP_SCHEMA.columns").Select("table_name", "column_name").WhereIn("table_name", tables);
        var document = await QueryAsync(query, 100_000, ct);
        var (meta, rows) = document.Tables.Count > 0 ? document.Tables[0] : throw new TapServiceException($"{BaseUrl}: TAP_SCHEMA.columns returned no table");
        var table = meta.IndexOf("table_name");
        var column = meta.IndexOf("column_name");
        return rows.GroupBy(r => ((string?)r[table] ?? "").ToLowerInvariant())
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => ((string?)r[column] ?? "").ToLowerInvariant()).ToList());
    }

    /// <summary>Every value of a unique key column, in keyset pages of 50,000, so a table of any size is listed in bounded requests.</summary>
    public async IAsyncEnumerable<string> KeysAsync(string table, string keyColumn, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        const int page = 50_000;
        string? after = null;
        while (true)
        {
            var query = AdqlQuery.From(table).Select(keyColumn).Top(page).OrderBy(keyColumn);
            if (after is not null)
            {
                query.Where(keyColumn, AdqlComparison.Greater, after);
            }
            var document = await QueryAsync(query, page, ct);
            var rows = document.Tables.Count == 0 ? [] : document.Tables[0].Rows;
            foreach (var row in rows)
            {
                if (row[0] is string key)
                {
                    after = key;
                    yield return key;
                }
            }
            if ((rows.Count < page && !document.Overflow) || rows.Count == 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Runs a query synchronously. <paramref name="maxRec"/> caps the rows; the document's Overflow says whether more exist.</summary>
    public async Task<VoTableDocument> QueryAsync(AdqlQuery query, int? maxRec, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Resolve("sync")) { Content = QueryForm(query, maxRec) }, ct);
        await EnsureSuccessAsync(response, "sync query", ct);
        return await ReadVoTableAsync(response, ct);
    }

    /// <summary>
    /// Runs a query as a UWS job: creates it, starts it (PHASE=RUN in its own request, as some services
    /// ignore it on creation), polls with backoff until it ends, fetches the result and deletes the job.
    /// </summary>
    public async Task<VoTableDocument> RunJobAsync(AdqlQuery query, int? maxRec, TimeSpan timeout, CancellationToken ct)
    {
        using var created = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Resolve("async")) { Content = QueryForm(query, maxRec) }, ct);
        await EnsureSuccessAsync(created, "job creation", ct);
        // HttpClient followed the 303; the address it ended at is the job's.
        var job = created.RequestMessage?.RequestUri ?? throw new TapServiceException($"{BaseUrl}: job creation returned no job address");
        if (job.AbsolutePath.TrimEnd('/').EndsWith("/async", StringComparison.Ordinal))
        {
            throw new TapServiceException($"{BaseUrl}: job creation did not redirect to a job (HTTP {(int)created.StatusCode})");
        }
        try
        {
            using (var run = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Child(job, "phase"))
            {
                Content = new FormUrlEncodedContent([new("PHASE", "RUN")]),
            }, ct))
            {
                await EnsureSuccessAsync(run, "job start", ct);
            }
            var deadline = DateTimeOffset.UtcNow + timeout;
            var delay = FirstPoll;
            while (true)
            {
                var (phase, resultUrl, error) = await ReadJobAsync(job, ct);
                switch (phase)
                {
                    case "COMPLETED":
                        using (var result = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, resultUrl ?? Child(job, "results/result")), ct))
                        {
                            await EnsureSuccessAsync(result, "job result", ct);
                            return await ReadVoTableAsync(result, ct);
                        }
                    case "ERROR" or "ABORTED":
                        throw new TapServiceException($"{BaseUrl}: the job ended in {phase}: {error ?? "no message"}");
                }
                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new TapServiceException($"{BaseUrl}: the job was still {phase} after {timeout.TotalSeconds:F0} s");
                }
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
        finally
        {
            await DeleteJobAsync(job);
        }
    }

    private async Task<(string Phase, Uri? Result, string? Error)> ReadJobAsync(Uri job, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, job), ct);
        await EnsureSuccessAsync(response, "job status", ct);
        var doc = XDocument.Load(await response.Content.ReadAsStreamAsync(ct));
        var phase = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "phase")?.Value.Trim() ?? "UNKNOWN";
        var result = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "result")?
            .Attributes().FirstOrDefault(a => a.Name.LocalName == "href")?.Value;
        var error = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "errorSummary")?.Value.Trim();
        return (phase, result is null ? null : new Uri(job, result), error);
    }

    private async Task DeleteJobAsync(Uri job)
    {
        try
        {
            // Not cancellable: a job left behind costs the service disk; best effort only.
            using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, job), CancellationToken.None);
        }
        catch (HttpRequestException)
        {
        }
    }

    private Uri Resolve(string path) => new(BaseUrl, path);

    private static Uri Child(Uri job, string path) => new(job.ToString().TrimEnd('/') + "/" + path);

    private static FormUrlEncodedContent QueryForm(AdqlQuery query, int? maxRec)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("REQUEST", "doQuery"),
            new("LANG", "ADQL"),
            new("QUERY", query.ToAdql()),
        };
        if (maxRec is { } m)
        {
            form.Add(new("MAXREC", m.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return new FormUrlEncodedContent(form);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await _http.SendAsync(request(), HttpCompletionOption.ResponseHeadersRead, token), ct);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new TapServiceException($"{BaseUrl}: no answer after retries ({e.Message})", e);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var body = await response.Content.ReadAsStringAsync(ct);
        // Error documents are VOTables too; prefer the service's own message.
        string? message = null;
        if (body.Contains("QUERY_STATUS", StringComparison.Ordinal))
        {
            try
            {
                VoTableReader.ReadAll(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
            }
            catch (VoTableQueryException e)
            {
                message = e.ServiceMessage;
            }
            catch (VoTableFormatException)
            {
            }
        }
        var status = response.StatusCode == HttpStatusCode.NotFound ? "404 (not found)" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        throw new TapServiceException($"{BaseUrl}: {what} failed with HTTP {status}: {message ?? Shorten(body)}");
    }

    private static async Task<VoTableDocument> ReadVoTableAsync(HttpResponseMessage response, CancellationToken ct)
    {
        // The page is bounded by MAXREC, so it is read whole; the reader streams it either way.
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        try
        {
            return VoTableReader.ReadAll(stream);
        }
        catch (IOException e)
        {
            throw new VoTableFormatException($"the response broke off while it was read: {e.Message}", e);
        }
    }

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
