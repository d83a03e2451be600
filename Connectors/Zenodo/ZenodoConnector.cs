using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Zenodo;

/// <summary>What a Zenodo source harvests: a community, a resource type and a query, in pages of a size.</summary>
public sealed record ZenodoQuery(string? Community, string? ResourceType, string? Text, int PageSize, int? MaxRecords);

/// <summary>
/// Harvests Zenodo's REST API: <c>/api/records</c> filtered by community, type and text, most recently
/// updated first, page by page through <c>links.next</c>; an incremental run asks only for records
/// updated since the last one. Each page's next link is its resume key. Restricted and closed records
/// are reported as withdrawn; a full run's listing tells the runner what was deleted.
/// </summary>
public sealed class ZenodoConnector(SourceClient client, Uri baseUrl, ZenodoQuery query, ZenodoMapper mapper) : IHarvestConnector
{
    /// <summary>Zenodo answers at most 25 records a page to anonymous clients and 10,000 a query.</summary>
    public const int LargestPage = 25;

    private HashSet<string>? _listed;

    public bool SupportsIncremental => true;

    /// <summary>The first page's URL; <paramref name="since"/> limits it to records updated that day or later.</summary>
    public Uri FirstPage(DateTimeOffset? since)
    {
        var terms = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            terms.Add($"({query.Text})");
        }
        if (since is { } s)
        {
            // Whole days: a day of overlap costs a few unchanged records, which the catalogue recognises.
            terms.Add($"updated:>={s.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }
        var parameters = new List<string>();
        if (terms.Count > 0)
        {
            parameters.Add("q=" + Uri.EscapeDataString(string.Join(" AND ", terms)));
        }
        if (!string.IsNullOrWhiteSpace(query.Community))
        {
            parameters.Add("communities=" + Uri.EscapeDataString(query.Community));
        }
        if (!string.IsNullOrWhiteSpace(query.ResourceType))
        {
            parameters.Add("type=" + Uri.EscapeDataString(query.ResourceType));
        }
        parameters.Add("sort=updated-desc");
        parameters.Add("size=" + Math.Clamp(query.PageSize, 1, LargestPage).ToString(CultureInfo.InvariantCulture));
        parameters.Add("page=1");
        return new Uri(new Uri(baseUrl.ToString().TrimEnd('/') + "/"), "api/records?" + string.Join('&', parameters));
    }

    public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var url = cursor.AfterKey is { } resume ? new Uri(resume) : FirstPage(cursor.ModifiedSince);
        var listing = cursor.AfterKey is null && cursor.ModifiedSince is null ? new HashSet<string>(StringComparer.Ordinal) : null;
        var taken = 0;
        var pageNumber = 0;
        while (true)
        {
            pageNumber++;
            var (hits, next) = await FetchAsync(url, ct);
            var records = new List<AssetRecord>();
            var failures = new List<HarvestFailure>();
            var withdrawn = new List<string>();
            DateTimeOffset? newest = null;
            var n = 0;
            foreach (var hit in hits)
            {
                n++;
                var entry = mapper.Map(hit, $"page {pageNumber} record {n}");
                if (entry.Record is { } record)
                {
                    records.Add(record);
                    listing?.Add(record.Id);
                    if (record.Published is { } p && (newest is null || p > newest))
                    {
                        newest = p;
                    }
                }
                if (entry.WithdrawnId is { } gone)
                {
                    withdrawn.Add(gone);
                }
                if (entry.Failure is { } failure)
                {
                    failures.Add(failure);
                    if (mapper.IdOf(hit) is { } listed)
                    {
                        // A broken record is still listed: it must not count as deleted.
                        listing?.Add(listed);
                    }
                }
            }
            taken += hits.Count;
            var limitReached = query.MaxRecords is { } max && taken >= max;
            var last = next is null || hits.Count == 0 || limitReached;
            if (limitReached)
            {
                listing = null; // A bounded run has not seen everything, so it cannot tell what was deleted.
            }
            yield return new HarvestPage(records, failures, last ? null : next!.ToString(), newest, withdrawn);
            if (last)
            {
                break;
            }
            url = next!;
        }
        _listed = listing;
    }

    public IAsyncEnumerable<string>? CurrentIdsAsync(CancellationToken ct) => _listed?.ToAsyncEnumerable();

    public Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AssetRecord>>([]);

    /// <summary>One record by its id (the single-record endpoint), or null when Zenodo says it is gone.</summary>
    public async Task<ZenodoEntry?> RefreshAsync(string recordId, CancellationToken ct)
    {
        var url = new Uri(new Uri(baseUrl.ToString().TrimEnd('/') + "/"), "api/records/" + Uri.EscapeDataString(recordId));
        var response = await client.GetAllowingGoneAsync(url, "application/json", ct);
        if (response.Status is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Gone)
        {
            return null;
        }
        using var document = response.ReadJson();
        return mapper.Map(document.RootElement.Clone(), $"record {recordId}");
    }

    private async Task<(IReadOnlyList<JsonElement> Hits, Uri? Next)> FetchAsync(Uri url, CancellationToken ct)
    {
        var response = await client.GetAsync(url, "application/json", ct).AsPage();
        using var document = response.ReadJson();
        var root = document.RootElement;
        if (root.At("hits", "hits") is not { ValueKind: JsonValueKind.Array } hits)
        {
            throw new HarvestPageException($"{url}: the answer has no hits.hits list, so it is not a Zenodo search page", SourceClient.Sample(response.Body));
        }
        var nextText = root.Text("links", "next");
        Uri? next = nextText is not null && Uri.TryCreate(url, nextText, out var n) ? n : null;
        return (hits.EnumerateArray().Select(h => h.Clone()).ToList(), next);
    }
}
