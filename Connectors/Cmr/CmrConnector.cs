using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Cmr;

/// <summary>
/// Harvests NASA's CMR search API: <c>collections.umm_json</c> or <c>granules.umm_json</c>, page after page
/// by handing back each answer's <c>CMR-Search-After</c> header, which is also the resume key. An incremental
/// run asks only for what was revised since the last one (<c>revision_date</c>) and then reads CMR's
/// deleted-collections or deleted-granules listing for the same span; a complete full run's listing tells
/// the runner what is gone.
/// </summary>
public sealed class CmrConnector(SourceClient client, Uri searchRoot, CmrOptions options, int pageSize, int? maxRecords, CmrMapper mapper) : IHarvestConnector
{
    /// <summary>CMR answers at most 2,000 items a page.</summary>
    public const int LargestPage = 2000;

    public const string SearchAfterHeader = "CMR-Search-After";

    private const string UmmJson = "application/vnd.nasa.cmr.umm_results+json, application/json";

    private HashSet<string>? _listed;

    public bool SupportsIncremental => true;

    private int Size => Math.Clamp(pageSize, 1, LargestPage);

    private bool Granules => options.ConceptType == CmrOptions.Granules;

    /// <summary>The search URL; <paramref name="since"/> limits it to concepts revised then or later.</summary>
    public Uri SearchUrl(DateTimeOffset? since)
    {
        var parameters = new List<string> { "page_size=" + Size.ToString(CultureInfo.InvariantCulture) };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parameters.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
            }
        }
        Add("provider", options.Provider);
        Add("short_name", options.ShortName);
        foreach (var id in options.CollectionConceptIds)
        {
            Add(Granules ? "collection_concept_id[]" : "concept_id[]", id);
        }
        Add("keyword", options.Keyword);
        if (options.Bbox.Count == 4)
        {
            Add("bounding_box", string.Join(',', options.Bbox.Select(d => d.ToString(CultureInfo.InvariantCulture))));
        }
        Add("temporal", options.Temporal);
        if (since is { } s)
        {
            Add("revision_date", Stamp(s) + ",");
        }
        return Under(options.ConceptType + ".umm_json?" + string.Join('&', parameters));
    }

    public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var url = SearchUrl(cursor.ModifiedSince);
        var listing = cursor.AfterKey is null && cursor.ModifiedSince is null ? new HashSet<string>(StringComparer.Ordinal) : null;
        var searchAfter = cursor.AfterKey;
        var taken = 0;
        var pageNumber = 0;
        while (true)
        {
            pageNumber++;
            CmrPage answer;
            try
            {
                answer = await FetchAsync(url, searchAfter, ct);
            }
            catch (HarvestPageException e) when (pageNumber == 1 && searchAfter is not null && e.InnerException is SourceHttpException { Status: HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Gone })
            {
                // A search-after token lives minutes: a run resumed later starts its span again (stored records come back unchanged).
                searchAfter = null;
                answer = await FetchAsync(url, null, ct);
            }
            var records = new List<AssetRecord>();
            var failures = new List<HarvestFailure>();
            var withdrawn = new List<string>();
            DateTimeOffset? newest = null;
            var n = 0;
            foreach (var item in answer.Items)
            {
                n++;
                var where = $"page {pageNumber} item {n}";
                var entry = Granules ? mapper.MapGranule(item, where) : mapper.MapCollection(item, where);
                if (entry.Record is { } record)
                {
                    records.Add(record);
                    listing?.Add(record.Id);
                }
                if (entry.WithdrawnId is { } gone)
                {
                    withdrawn.Add(gone);
                }
                if (entry.Failure is { } failure)
                {
                    failures.Add(failure);
                    if (mapper.IdOf(item) is { } listed)
                    {
                        listing?.Add(listed); // a broken item is still listed: it must not count as deleted
                    }
                }
                if (item.Time("meta", "revision-date") is { } revised && (newest is null || revised > newest))
                {
                    newest = revised;
                }
            }
            taken += answer.Items.Count;
            var limitReached = maxRecords is { } max && taken >= max;
            var last = answer.Items.Count < Size || answer.SearchAfter is null || limitReached || (answer.Hits is { } hits && taken >= hits);
            if (limitReached)
            {
                listing = null; // a bounded run has not seen everything, so it cannot tell what was deleted
            }
            searchAfter = answer.SearchAfter;
            yield return new HarvestPage(records, failures, last ? null : searchAfter, newest, withdrawn);
            if (last)
            {
                break;
            }
        }
        _listed = listing;
        if (cursor.ModifiedSince is { } since)
        {
            var deleted = await DeletedSinceAsync(since, ct);
            if (deleted.Count > 0)
            {
                yield return new HarvestPage([], [], null, null, deleted);
            }
        }
    }

    public IAsyncEnumerable<string>? CurrentIdsAsync(CancellationToken ct) => _listed?.ToAsyncEnumerable();

    public Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AssetRecord>>([]);

    /// <summary>
    /// The record ids of what CMR deleted since a date: <c>deleted-collections.json</c> (by provider) or
    /// <c>deleted-granules.json</c> (by provider or parent collection), paged like searches.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeletedSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var scopes = Granules && options.CollectionConceptIds.Count > 0
            ? options.CollectionConceptIds.Select(id => "parent_collection_id=" + Uri.EscapeDataString(id)).ToList()
            : [string.IsNullOrWhiteSpace(options.Provider) ? "" : "provider=" + Uri.EscapeDataString(options.Provider.Trim())];
        var ids = new List<string>();
        foreach (var scope in scopes)
        {
            var query = $"revision_date={Uri.EscapeDataString(Stamp(since))}&page_size={LargestPage}" + (scope.Length > 0 ? "&" + scope : "");
            var url = Under($"deleted-{options.ConceptType}.json?{query}");
            string? searchAfter = null;
            while (true)
            {
                var answer = await FetchAsync(url, searchAfter, ct);
                ids.AddRange(answer.Items.Select(CmrMapper.DeletedConceptId).OfType<string>().Select(mapper.RecordId));
                if (answer.Items.Count < LargestPage || answer.SearchAfter is null)
                {
                    break;
                }
                searchAfter = answer.SearchAfter;
            }
        }
        return ids.Distinct(StringComparer.Ordinal).ToList();
    }

    private Uri Under(string relative) => new(new Uri(searchRoot.ToString().TrimEnd('/') + "/"), relative);

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record CmrPage(IReadOnlyList<JsonElement> Items, string? SearchAfter, long? Hits);

    private async Task<CmrPage> FetchAsync(Uri url, string? searchAfter, CancellationToken ct)
    {
        var response = await (searchAfter is null
            ? client.GetAsync(url, UmmJson, ct)
            : client.GetAsync(url, UmmJson, new Dictionary<string, string> { [SearchAfterHeader] = searchAfter }, ct)).AsPage();
        using (var document = response.ReadJson())
        {
            var root = document.RootElement;
            // Searches answer {"hits", "items"}; the deleted listings in JSON answer a feed of entries.
            var items = root.At("items") ?? root.At("feed", "entry");
            if (items is not { ValueKind: JsonValueKind.Array } list)
            {
                throw new HarvestPageException($"{response.Url}: the answer has no items list, so it is not a CMR search page", SourceClient.Sample(response.Body));
            }
            var hits = response.Headers.TryGetValue("CMR-Hits", out var h) && long.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : root.Integer("hits");
            var next = response.Headers.TryGetValue(SearchAfterHeader, out var token) && !string.IsNullOrWhiteSpace(token) ? token : null;
            return new CmrPage(list.EnumerateArray().Select(i => i.Clone()).ToList(), next, hits);
        }
    }
}
