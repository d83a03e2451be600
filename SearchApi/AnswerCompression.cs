using Microsoft.AspNetCore.ResponseCompression;

namespace DiscoveryPortal.SearchApi;

/// <summary>
/// Brotli or gzip for what the API and the portal's files answer (JSON, CSV, VOTable, XML, scripts and
/// styles), as the client accepts. Not HTML: pages carry anti-forgery tokens and new API keys, which
/// compression over TLS would expose to BREACH-style guessing.
/// </summary>
public static class AnswerCompression
{
    public static readonly string[] MediaTypes =
    [
        "application/json", "application/problem+json", "text/csv", Formats.ResultFormats.VoTable, Formats.ResultFormats.Atom, "text/xml", "application/xml",
        "text/javascript", "application/javascript", "text/css", "image/svg+xml", "text/plain",
    ];

    public static IServiceCollection AddAnswerCompression(this IServiceCollection services) => services.AddResponseCompression(o =>
    {
        o.EnableForHttps = true;
        o.MimeTypes = MediaTypes;
        o.Providers.Add<BrotliCompressionProvider>();
        o.Providers.Add<GzipCompressionProvider>();
    });
}
