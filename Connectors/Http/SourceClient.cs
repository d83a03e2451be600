using System.Net;
using System.Text;
using Polly;

namespace DiscoveryPortal.Connectors.Http;

/// <summary>A source answered with an error or could not be reached; the message names the URL and what came back.</summary>
public sealed class SourceHttpException(string message, HttpStatusCode? status, string sample, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    /// <summary>The start of what the source answered, for the harvest report.</summary>
    public string Sample { get; } = sample;
}

/// <summary>One answer of a source: the body as text, its media type, and where it came from.</summary>
public sealed record SourceResponse(Uri Url, string Body, string? MediaType, HttpStatusCode Status)
{
    /// <summary>The answer's own headers (paging tokens such as CMR-Search-After travel there).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The HTTP side every REST connector shares: requests through the retry pipeline (backoff, jitter,
/// Retry-After), bodies read whole (pages are bounded), and failures turned into one exception that
/// says which URL answered what.
/// </summary>
public sealed class SourceClient(HttpClient http, RetryPolicy? retry = null, TimeProvider? clock = null)
{
    /// <summary>Pages larger than this are refused rather than read into memory.</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = HttpResilience.Build(retry ?? RetryPolicy.Default);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly TimeSpan _longestWait = retry?.LongestRetryAfter ?? TimeSpan.FromMinutes(2);
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public Task<SourceResponse> GetAsync(Uri url, string accept, CancellationToken ct) =>
        SendAsync(() => Request(HttpMethod.Get, url, accept), ct, allowNotFound: false);

    /// <summary>A GET with request headers of its own (a paging token, say).</summary>
    public Task<SourceResponse> GetAsync(Uri url, string accept, IReadOnlyDictionary<string, string> headers, CancellationToken ct) =>
        SendAsync(() =>
        {
            var request = Request(HttpMethod.Get, url, accept);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            return request;
        }, ct, allowNotFound: false);

    /// <summary>A GET where 404 and 410 are answers (a record that is gone), not errors.</summary>
    public Task<SourceResponse> GetAllowingGoneAsync(Uri url, string accept, CancellationToken ct) =>
        SendAsync(() => Request(HttpMethod.Get, url, accept), ct, allowNotFound: true);

    public Task<SourceResponse> PostJsonAsync(Uri url, string json, string accept, CancellationToken ct) =>
        SendAsync(() =>
        {
            var request = Request(HttpMethod.Post, url, accept);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            return request;
        }, ct, allowNotFound: false);

    private static HttpRequestMessage Request(HttpMethod method, Uri url, string accept)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    private async Task<SourceResponse> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct, bool allowNotFound)
    {
        Uri? url = null;
        HttpResponseMessage response;
        var wait = _notBefore - _clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < _longestWait ? wait : _longestWait, _clock, ct);
        }
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                using var message = request();
                url = message.RequestUri;
                return await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token);
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new SourceHttpException($"{url}: no answer ({e.Message})", null, "", e);
        }
        using (response)
        {
            NoteRateLimit(response);
            if (response.Content.Headers.ContentLength > MaxBodyBytes)
            {
                throw new SourceHttpException($"{url}: the answer is {response.Content.Headers.ContentLength} bytes, more than the {MaxBodyBytes} a page may be", response.StatusCode, "");
            }
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(ct);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new SourceHttpException($"{url}: the answer broke off ({e.Message})", response.StatusCode, "", e);
            }
            var gone = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone;
            if (!response.IsSuccessStatusCode && !(allowNotFound && gone))
            {
                throw new SourceHttpException($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Sample(body)}", response.StatusCode, Sample(body));
            }
            return new SourceResponse(url!, body, response.Content.Headers.ContentType?.MediaType, response.StatusCode)
            {
                Headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            };
        }
    }

    /// <summary>
    /// A source that says its allowance is spent (X-RateLimit-Remaining: 0) is not asked again before
    /// X-RateLimit-Reset (Unix seconds), so a harvest paces itself instead of collecting 429s.
    /// </summary>
    private void NoteRateLimit(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("X-RateLimit-Remaining", out var remaining) && remaining.FirstOrDefault()?.Trim() == "0"
            && response.Headers.TryGetValues("X-RateLimit-Reset", out var reset)
            && long.TryParse(reset.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            _notBefore = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
    }

    /// <summary>The first 300 characters of a body, on one line.</summary>
    public static string Sample(string body)
    {
        var flat = string.Join(' ', body.Split((char[]?)null, 2000, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 300 ? flat : flat[..300] + "…";
    }
}
