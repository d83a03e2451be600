using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Records;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.SearchApi.Quicklooks;

/// <summary>A picture as fetched: its bytes and the image type they were checked to be.</summary>
public sealed record QuicklookImage(byte[] Bytes, string MediaType);

/// <summary>What fetching a quicklook came to: the picture, or why there is none to serve.</summary>
public sealed record QuicklookFetch(QuicklookImage? Image, string? Refusal)
{
    public static QuicklookFetch Refused(string reason) => new(null, reason);
}

/// <summary>
/// Fetches a record's quicklook from its archive for the portal to serve as its own, so no page hot-links an archive:
/// through the outbound guard (no internal addresses unless <c>Outbound:Allow</c> lists them, checked on the address
/// dialled, redirects included), with a time limit and a size limit, and only when the archive answers with a PNG,
/// JPEG, GIF or WebP whose first bytes are that format. What was fetched, or refused, is kept in memory for a while.
/// </summary>
public sealed class QuicklookFetcher(IHttpClientFactory http, IOptions<QuicklookOptions> options) : IDisposable
{
    public const string HttpClientName = "quicklooks";

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.CacheBytes) });

    public async Task<QuicklookFetch> FetchAsync(Quicklook quicklook, CancellationToken ct)
    {
        if (_kept.TryGetValue(quicklook.Url, out QuicklookFetch? kept) && kept is not null)
        {
            return kept;
        }
        var fetched = await FetchFromArchiveAsync(quicklook, ct);
        var seconds = options.Value.CacheSeconds;
        if (seconds > 0)
        {
            // A refusal is kept too, for less time, so a broken archive is not asked again for every page shown.
            _kept.Set(quicklook.Url, fetched, new MemoryCacheEntryOptions
            {
                Size = fetched.Image?.Bytes.Length ?? 1,
                AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(fetched.Image is null ? Math.Min(seconds, 300) : seconds),
            });
        }
        return fetched;
    }

    private async Task<QuicklookFetch> FetchFromArchiveAsync(Quicklook quicklook, CancellationToken ct)
    {
        var limits = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.TimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, quicklook.Url);
            request.Headers.Accept.ParseAdd(string.Join(", ", Quicklook.ImageTypes));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return QuicklookFetch.Refused($"the archive answered {(int)response.StatusCode}");
            }
            var type = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
            if (!Quicklook.IsImageType(type))
            {
                return QuicklookFetch.Refused($"the archive answered with '{type ?? "no type"}', not one of {string.Join(", ", Quicklook.ImageTypes)}");
            }
            if (response.Content.Headers.ContentLength > limits.MaxBytes)
            {
                return QuicklookFetch.Refused($"the picture is {response.Content.Headers.ContentLength:N0} bytes, more than {limits.MaxBytes:N0}");
            }
            var bytes = await ReadAtMostAsync(await response.Content.ReadAsStreamAsync(timeout.Token), limits.MaxBytes, timeout.Token);
            if (bytes is null)
            {
                return QuicklookFetch.Refused($"the picture is more than {limits.MaxBytes:N0} bytes");
            }
            if (!StartsAs(bytes, type!))
            {
                return QuicklookFetch.Refused($"the archive said '{type}' but the bytes are not that format");
            }
            return new QuicklookFetch(new QuicklookImage(bytes, type!), null);
        }
        catch (Exception e) when (OutboundRefusedException.In(e) is { } refused)
        {
            return QuicklookFetch.Refused(refused.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return QuicklookFetch.Refused($"the archive did not answer within {limits.TimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return QuicklookFetch.Refused($"the archive could not be reached: {e.Message}");
        }
    }

    /// <summary>The whole stream, or null when it holds more than <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream stream, int max, CancellationToken ct)
    {
        await using (stream)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }

    /// <summary>Whether the bytes begin with the signature of the type claimed, so an error page labelled as a picture is not served as one.</summary>
    private static bool StartsAs(byte[] b, string type) => type switch
    {
        "image/png" => b is [0x89, (byte)'P', (byte)'N', (byte)'G', ..],
        "image/jpeg" => b is [0xFF, 0xD8, 0xFF, ..],
        "image/gif" => b is [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..],
        "image/webp" => b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8.ToArray()) && b[8..12].SequenceEqual("WEBP"u8.ToArray()),
        _ => false,
    };

    public void Dispose() => _kept.Dispose();
}
