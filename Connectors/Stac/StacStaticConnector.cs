using System.Runtime.CompilerServices;
using System.Text.Json;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Stac;

/// <summary>
/// Walks a static STAC catalog from its root through <c>child</c> and <c>item</c> links, over http(s)
/// or on disk: one page per catalog document, holding the items it links. The root and every
/// document of type Collection become collection assets. A child or item that cannot be read is
/// reported and skipped; then the walk is incomplete, and nothing is withdrawn.
/// </summary>
public sealed class StacStaticConnector(SourceClient client, Uri root, StacMapper mapper, int? maxRecords) : IHarvestConnector
{
    private HashSet<string>? _listed;

    public bool SupportsIncremental => false;

    public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var queue = new Queue<Uri>([root]);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var listing = new HashSet<string>(StringComparer.Ordinal);
        var complete = true;
        var taken = 0;
        while (queue.Count > 0 && !(maxRecords is { } max && taken >= max))
        {
            var url = queue.Dequeue();
            if (!visited.Add(url.ToString()))
            {
                continue;
            }
            var records = new List<AssetRecord>();
            var failures = new List<HarvestFailure>();
            JsonDocument? document = null;
            try
            {
                document = await LoadAsync(url, ct);
            }
            catch (HarvestPageException e) when (url != root)
            {
                complete = false;
                failures.Add(new HarvestFailure(url.ToString(), e.Message, e.Sample));
            }
            if (document is null)
            {
                yield return new HarvestPage([], failures, null, null);
                continue;
            }
            using (document)
            {
                var catalog = document.RootElement;
                if (url == root || catalog.Text("type") == "Collection")
                {
                    var (collection, failure) = mapper.MapCollection(catalog, url.ToString(), url);
                    Add(collection, failure);
                }
                foreach (var child in Links(catalog, "child", url))
                {
                    queue.Enqueue(child);
                }
                foreach (var itemUrl in Links(catalog, "item", url))
                {
                    if (maxRecords is { } m && taken >= m)
                    {
                        complete = false;
                        break;
                    }
                    taken++;
                    try
                    {
                        using var item = await LoadAsync(itemUrl, ct);
                        var (record, failure) = mapper.MapItem(item.RootElement, itemUrl.ToString(), itemUrl);
                        Add(record, failure);
                    }
                    catch (HarvestPageException e)
                    {
                        complete = false;
                        failures.Add(new HarvestFailure(itemUrl.ToString(), e.Message, e.Sample));
                    }
                }
            }
            // A resumed walk starts again from the root: catalogs are small, and unchanged records are recognised.
            yield return new HarvestPage(records, failures, url.ToString(), null);

            void Add(AssetRecord? record, HarvestFailure? failure)
            {
                if (record is not null)
                {
                    records.Add(record);
                    listing.Add(record.Id);
                }
                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }
        }
        _listed = complete && queue.Count == 0 ? listing : null;
    }

    public IAsyncEnumerable<string>? CurrentIdsAsync(CancellationToken ct) => _listed?.ToAsyncEnumerable();

    public Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AssetRecord>>([]);

    private static IEnumerable<Uri> Links(JsonElement document, string rel, Uri relativeTo) =>
        document.Items("links").Where(l => l.Text("rel") == rel).Select(l => l.Text("href"))
            .Select(h => h is not null && Uri.TryCreate(relativeTo, h, out var u) ? u : null).OfType<Uri>();

    /// <summary>
    /// Whether a link may be followed: a catalog on the web links only to the web (a <c>file:</c> link in
    /// it would read this machine's files), and one on disk only to files in its own folder.
    /// </summary>
    private bool MayFollow(Uri url) => root.IsFile
        ? url.IsFile && Path.GetFullPath(url.LocalPath).StartsWith(Path.GetDirectoryName(Path.GetFullPath(root.LocalPath))! + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        : url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps;

    private async Task<JsonDocument> LoadAsync(Uri url, CancellationToken ct)
    {
        if (url != root && !MayFollow(url))
        {
            throw new HarvestPageException($"{url}: not followed, it leads out of the catalog ({(root.IsFile ? "outside its folder" : "not http(s)")})", "");
        }
        string body;
        if (url.IsFile)
        {
            try
            {
                body = await File.ReadAllTextAsync(url.LocalPath, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new HarvestPageException($"{url.LocalPath}: cannot be read ({e.Message})", "", e);
            }
        }
        else
        {
            return (await client.GetAsync(url, "application/json, application/geo+json;q=0.9", ct).AsPage()).ReadJson();
        }
        return new SourceResponse(url, body, "application/json", System.Net.HttpStatusCode.OK).ReadJson();
    }
}
