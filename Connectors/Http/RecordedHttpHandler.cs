using System.Net;
using System.Text;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DiscoveryPortal.Connectors.Http;

/// <summary>One recorded answer: the request it answers (path and query, any host) and the file holding the body.</summary>
public sealed class Recording
{
    public string Get { get; set; } = "";
    public string File { get; set; } = "";
    public string Type { get; set; } = "application/json";
    public int Status { get; set; } = 200;
}

/// <summary>
/// Answers HTTP requests from a folder of recorded responses listed in its <c>recordings.yaml</c>, so a
/// connector runs its real code (paging, links, mapping) without the network. Requests match on path
/// and query parameters in any order, whatever the host; anything unrecorded gets a 404 naming it.
/// </summary>
public sealed class RecordedHttpHandler : HttpMessageHandler
{
    public const string IndexFile = "recordings.yaml";

    private readonly string _folder;
    private readonly List<(string Path, string Query, Recording Recording)> _recordings;

    public RecordedHttpHandler(string folder)
    {
        _folder = folder;
        var index = Path.Combine(folder, IndexFile);
        using var reader = System.IO.File.OpenText(index);
        var list = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<List<Recording>>(reader) ?? [];
        _recordings = list.Select(r =>
        {
            var uri = new Uri(new Uri("http://recorded/"), r.Get);
            return (uri.AbsolutePath, Canonical(uri.Query), r);
        }).ToList();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var query = Canonical(uri.Query);
        var match = _recordings.FirstOrDefault(r => request.Method == HttpMethod.Get && r.Path == uri.AbsolutePath && r.Query == query);
        if (match.Recording is null)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                RequestMessage = request,
                Content = new StringContent($"no recorded response for {request.Method} {uri.PathAndQuery} in {_folder}", Encoding.UTF8, "text/plain"),
            };
        }
        var bytes = await System.IO.File.ReadAllBytesAsync(Path.Combine(_folder, match.Recording.File), cancellationToken);
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", match.Recording.Type);
        return new HttpResponseMessage((HttpStatusCode)match.Recording.Status) { RequestMessage = request, Content = content };
    }

    /// <summary>Query parameters decoded and sorted, so parameter order and escaping do not matter.</summary>
    public static string Canonical(string query) =>
        string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p =>
            {
                var eq = p.IndexOf('=');
                return eq < 0 ? Uri.UnescapeDataString(p.Replace('+', ' ')) + "=" : Uri.UnescapeDataString(p[..eq].Replace('+', ' ')) + "=" + Uri.UnescapeDataString(p[(eq + 1)..].Replace('+', ' '));
            })
            .Order(StringComparer.Ordinal));
}
