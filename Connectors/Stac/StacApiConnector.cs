using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Stac;

/// <summary>What a STAC API source harvests: which collections' items, where, when, how many.</summary>
public sealed record StacLimits(IReadOnlyList<string> Collections, IReadOnlyList<double> Bbox, string? Datetime, int PageSize, int? MaxRecords, bool CollectionsOnly);

/// <summary>
/// Harvests a STAC API: the landing page and its conformance classes, every collection (a collection
/// asset each, through the <c>next</c> links of <c>/collections</c>), then an item search bounded by the
/// source's limits, by POST where the API offers it and GET otherwise, following <c>next</c> links with
/// their tokens, bodies or pages. Each page's next request is its resume key. An incremental run asks
/// for items acquired since the last run.
/// </summary>
public sealed class StacApiConnector(SourceClient client, Uri landingUrl, StacLimits limits, StacMapper mapper) : IHarvestConnector
{
    private const string Json = "application/json, application/geo+json;q=0.9";

    private HashSet<string>? _listed;

    public bool SupportsIncremental => !limits.CollectionsOnly;

    /// <summary>The conformance classes the landing page (or /conformance) declared, once read.</summary>
    public IReadOnlyList<string> Conformance { get; private set; } = [];

    public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var resume = cursor.AfterKey is { } key ? JsonSerializer.Deserialize<StacRequest>(key) : null;
        using var landing = await GetAsync(landingUrl, ct);
        var root = landing.RootElement;
        Conformance = root.Texts("conformsTo");
        if (Conformance.Count == 0 && Link(root, "conformance", landingUrl) is { } conformanceUrl)
        {
            using var conformance = await GetAsync(conformanceUrl, ct);
            Conformance = conformance.RootElement.Texts("conformsTo");
        }
        var listing = resume is null && cursor.ModifiedSince is null ? new HashSet<string>(StringComparer.Ordinal) : null;
        var taken = 0;

        // Collections first: small, and every item is filed under one.
        if (resume is null || resume.Phase == "collections")
        {
            var next = resume?.Href is { } href ? new Uri(href) : Link(root, "data", landingUrl) ?? new Uri(Base(landingUrl), "collections");
            var page = 0;
            while (next is not null)
            {
                page++;
                using var document = await GetAsync(next, ct);
                if (document.RootElement.At("collections") is not { ValueKind: JsonValueKind.Array } collections)
                {
                    throw new HarvestPageException($"{next}: the answer has no collections list", SourceClient.Sample(document.RootElement.GetRawText()));
                }
                var records = new List<AssetRecord>();
                var failures = new List<HarvestFailure>();
                var n = 0;
                foreach (var c in collections.EnumerateArray())
                {
                    var (record, failure) = mapper.MapCollection(c, $"collections page {page} entry {++n}", next);
                    Add(record, failure, records, failures, listing);
                }
                var following = Link(document.RootElement, "next", next);
                next = following;
                yield return new HarvestPage(records, failures,
                    following is not null ? JsonSerializer.Serialize(new StacRequest("collections", following.ToString(), "GET", null))
                    : limits.CollectionsOnly ? null : JsonSerializer.Serialize(new StacRequest("items", null, null, null)),
                    null);
            }
        }
        if (limits.CollectionsOnly)
        {
            _listed = listing;
            yield break;
        }
        if (!Conformance.Any(c => c.Contains("item-search", StringComparison.Ordinal)) && Link(root, "search", landingUrl) is null)
        {
            yield return new HarvestPage([], [new HarvestFailure("search", $"{landingUrl} offers no item search (conformance: {string.Join(", ", Conformance)}); only collections were read", "")], null, null);
            _listed = null;
            yield break;
        }

        var request = resume is { Phase: "items", Href: not null } r ? r : FirstSearch(root, cursor.ModifiedSince);
        var itemPage = 0;
        while (request is not null)
        {
            itemPage++;
            using var document = await SendAsync(request, ct);
            if (document.RootElement.At("features") is not { ValueKind: JsonValueKind.Array } features)
            {
                throw new HarvestPageException($"{request.Href}: the answer has no features list, so it is not an item search page", SourceClient.Sample(document.RootElement.GetRawText()));
            }
            var records = new List<AssetRecord>();
            var failures = new List<HarvestFailure>();
            DateTimeOffset? newest = null;
            var n = 0;
            var requestUrl = new Uri(request.Href!);
            foreach (var feature in features.EnumerateArray())
            {
                if (limits.MaxRecords is { } max && taken >= max)
                {
                    break;
                }
                taken++;
                var (record, failure) = mapper.MapItem(feature, $"search page {itemPage} feature {++n}", requestUrl);
                Add(record, failure, records, failures, null);
                if (record?.Time?.Start is { } acquired && (newest is null || acquired > newest))
                {
                    newest = acquired;
                }
            }
            var limitReached = limits.MaxRecords is { } m && taken >= m;
            request = limitReached || features.GetArrayLength() == 0 ? null : NextSearch(document.RootElement, request);
            yield return new HarvestPage(records, failures, request is null ? null : JsonSerializer.Serialize(request), newest);
        }
        _listed = null; // Item searches are bounded: what they did not return may still exist.
    }

    public IAsyncEnumerable<string>? CurrentIdsAsync(CancellationToken ct) => _listed?.ToAsyncEnumerable();

    public Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AssetRecord>>([]);

    private StacRequest FirstSearch(JsonElement landing, DateTimeOffset? since)
    {
        var searchLinks = landing.Items("links").Where(l => l.Text("rel") == "search").ToList();
        var post = searchLinks.FirstOrDefault(l => string.Equals(l.Text("method"), "POST", StringComparison.OrdinalIgnoreCase));
        var href = (post.ValueKind == JsonValueKind.Object ? post : searchLinks.FirstOrDefault()).Text("href");
        var url = href is not null ? new Uri(landingUrl, href) : new Uri(Base(landingUrl), "search");
        var datetime = Datetime(since);
        if (post.ValueKind == JsonValueKind.Object)
        {
            var body = new JsonObject { ["limit"] = limits.PageSize };
            if (limits.Collections.Count > 0)
            {
                body["collections"] = new JsonArray(limits.Collections.Select(c => (JsonNode)c).ToArray());
            }
            if (limits.Bbox.Count == 4)
            {
                body["bbox"] = new JsonArray(limits.Bbox.Select(b => (JsonNode)b).ToArray());
            }
            if (datetime is not null)
            {
                body["datetime"] = datetime;
            }
            return new StacRequest("items", url.ToString(), "POST", body.ToJsonString());
        }
        var query = new List<string> { "limit=" + limits.PageSize.ToString(CultureInfo.InvariantCulture) };
        if (limits.Collections.Count > 0)
        {
            query.Add("collections=" + Uri.EscapeDataString(string.Join(',', limits.Collections)));
        }
        if (limits.Bbox.Count == 4)
        {
            query.Add("bbox=" + string.Join(',', limits.Bbox.Select(b => b.ToString(CultureInfo.InvariantCulture))));
        }
        if (datetime is not null)
        {
            query.Add("datetime=" + Uri.EscapeDataString(datetime));
        }
        return new StacRequest("items", new UriBuilder(url) { Query = string.Join('&', query) }.Uri.ToString(), "GET", null);
    }

    /// <summary>The source's interval, narrowed to start at the last run's newest acquisition.</summary>
    private string? Datetime(DateTimeOffset? since)
    {
        if (since is not { } s)
        {
            return limits.Datetime;
        }
        var end = limits.Datetime?.Split('/') is { Length: 2 } parts ? parts[1] : "..";
        return $"{s.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}/{end}";
    }

    private static StacRequest? NextSearch(JsonElement page, StacRequest current)
    {
        var next = page.Items("links").FirstOrDefault(l => l.Text("rel") == "next");
        if (next.ValueKind != JsonValueKind.Object || next.Text("href") is not { } href)
        {
            return null;
        }
        var url = new Uri(new Uri(current.Href!), href).ToString();
        var method = next.Text("method")?.ToUpperInvariant() ?? "GET";
        if (method != "POST")
        {
            return new StacRequest("items", url, "GET", null);
        }
        // A POST next link carries a body, to merge into the current one or to replace it.
        var body = next.At("body") is { } b ? JsonNode.Parse(b.GetRawText())!.AsObject() : new JsonObject();
        if (next.At("merge") is { ValueKind: JsonValueKind.True } && current.Body is not null)
        {
            var merged = JsonNode.Parse(current.Body)!.AsObject();
            foreach (var (name, value) in body)
            {
                merged[name] = value?.DeepClone();
            }
            body = merged;
        }
        return new StacRequest("items", url, "POST", body.ToJsonString());
    }

    private static void Add(AssetRecord? record, HarvestFailure? failure, List<AssetRecord> records, List<HarvestFailure> failures, HashSet<string>? listing)
    {
        if (record is not null)
        {
            records.Add(record);
            listing?.Add(record.Id);
        }
        if (failure is not null)
        {
            failures.Add(failure);
        }
    }

    private static Uri Base(Uri url) => new(url.ToString().TrimEnd('/') + "/");

    private static Uri? Link(JsonElement document, string rel, Uri relativeTo)
    {
        var href = document.Items("links").FirstOrDefault(l => l.Text("rel") == rel).Text("href");
        return href is not null && Uri.TryCreate(relativeTo, href, out var url) ? url : null;
    }

    private Task<JsonDocument> GetAsync(Uri url, CancellationToken ct) => SendAsync(new StacRequest("", url.ToString(), "GET", null), ct);

    private async Task<JsonDocument> SendAsync(StacRequest request, CancellationToken ct)
    {
        var response = await (request.Method == "POST"
            ? client.PostJsonAsync(new Uri(request.Href!), request.Body ?? "{}", Json, ct)
            : client.GetAsync(new Uri(request.Href!), Json, ct)).AsPage();
        return response.ReadJson();
    }
}

/// <summary>A request of a STAC harvest, kept as the resume key: which phase, where, how, and with what body.</summary>
public sealed record StacRequest(string Phase, string? Href, string? Method, string? Body);
