using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.OpenSearch;

/// <summary>What an OpenSearch source harvests: search terms, a box, a time interval, page size and a cap.</summary>
public sealed record OpenSearchLimits(string? SearchTerms, IReadOnlyList<double> Bbox, string? Datetime, int PageSize, int? MaxRecords);

/// <summary>
/// Harvests an OpenSearch service (CEOS, FedEO, resto): reads its description document, picks the
/// results template of a type it reads (Atom first, then GeoJSON), fills it (searchTerms, geo:box,
/// time:start/end, count, startIndex or startPage) and pages until <c>totalResults</c> is reached. The
/// next start is the resume key. Where the template takes <c>eo:modificationDate</c>, re-harvests ask
/// only for what changed since the last run.
/// </summary>
public sealed class OpenSearchConnector(SourceClient client, Uri descriptionUrl, OpenSearchLimits limits, OpenSearchMapper mapper) : IHarvestConnector
{
    private OpenSearchTemplate? _template;
    private OpenSearchUrl? _url;
    private HashSet<string>? _listed;

    /// <summary>Known only after the description document is read; until then the runner asks for a full run.</summary>
    public bool SupportsIncremental => _template?.Has(OpenSearchNamespaces.Eo, "modificationDate") ?? false;

    public async Task PrepareAsync(CancellationToken ct) => _url = await DescribeAsync(ct);

    /// <summary>Reads the description document and picks the results template.</summary>
    public async Task<OpenSearchUrl> DescribeAsync(CancellationToken ct)
    {
        var response = await client.GetAsync(descriptionUrl, "application/opensearchdescription+xml, application/xml;q=0.9", ct).AsPage("description document");
        OpenSearchDescription description;
        try
        {
            description = OpenSearchDescription.Parse(response.Body, descriptionUrl.ToString());
        }
        catch (FormatException e)
        {
            throw new HarvestPageException(e.Message, SourceClient.Sample(response.Body), e);
        }
        var url = description.ResultsUrl()
            ?? throw new HarvestPageException($"{descriptionUrl}: the service offers no results in a type this portal reads ({string.Join(", ", description.Urls.Select(u => u.Type))})", "");
        _template = url.Parse();
        return url;
    }

    public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var url = _url ?? await DescribeAsync(ct);
        var template = _template!;
        var byIndex = template.Has(OpenSearchNamespaces.OpenSearch, "startIndex");
        var first = byIndex ? url.IndexOffset : url.PageOffset;
        var position = cursor.AfterKey is { } key && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : first;
        var since = SupportsIncremental ? cursor.ModifiedSince : null;
        var listing = position == first && since is null ? new HashSet<string>(StringComparer.Ordinal) : null;
        var taken = 0;
        var page = 0;
        while (true)
        {
            page++;
            var request = template.Fill(Values(template, position, since));
            var response = await client.GetAsync(request, url.Type, ct).AsPage();
            var (entries, total) = Read(response, url.Type);
            var records = new List<AssetRecord>();
            var failures = new List<HarvestFailure>();
            DateTimeOffset? newest = null;
            foreach (var (map, n) in entries.Select((e, i) => (e, i + 1)))
            {
                if (limits.MaxRecords is { } max && taken >= max)
                {
                    break;
                }
                taken++;
                var (record, failure) = map($"page {page} entry {n}");
                if (record is not null)
                {
                    records.Add(record);
                    listing?.Add(record.Id);
                    if (record.Published is { } p && (newest is null || p > newest))
                    {
                        newest = p;
                    }
                }
                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }
            position += byIndex ? entries.Count : 1;
            var seen = byIndex ? position - url.IndexOffset : (position - url.PageOffset) * limits.PageSize;
            var limitReached = limits.MaxRecords is { } m && taken >= m;
            var last = entries.Count == 0 || limitReached || (total is { } t && seen >= t) || entries.Count < limits.PageSize;
            if (limitReached)
            {
                listing = null;
            }
            yield return new HarvestPage(records, failures, last ? null : position.ToString(CultureInfo.InvariantCulture), newest);
            if (last)
            {
                break;
            }
        }
        _listed = listing;
    }

    public IAsyncEnumerable<string>? CurrentIdsAsync(CancellationToken ct) => _listed?.ToAsyncEnumerable();

    public Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AssetRecord>>([]);

    private Dictionary<(string, string), string> Values(OpenSearchTemplate template, int position, DateTimeOffset? since)
    {
        var os = OpenSearchNamespaces.OpenSearch;
        var values = new Dictionary<(string, string), string>
        {
            [(os, "count")] = limits.PageSize.ToString(CultureInfo.InvariantCulture),
            [(os, template.Has(os, "startIndex") ? "startIndex" : "startPage")] = position.ToString(CultureInfo.InvariantCulture),
        };
        if (limits.SearchTerms is { } terms)
        {
            values[(os, "searchTerms")] = terms;
        }
        else if (template.Parameters.Any(p => p.Namespace == os && p.Name == "searchTerms" && !p.Optional))
        {
            values[(os, "searchTerms")] = "";
        }
        if (limits.Bbox.Count == 4)
        {
            values[(OpenSearchNamespaces.Geo, "box")] = string.Join(',', limits.Bbox.Select(b => b.ToString(CultureInfo.InvariantCulture)));
        }
        if (limits.Datetime?.Split('/') is { Length: 2 } interval)
        {
            if (interval[0] is not ("" or ".."))
            {
                values[(OpenSearchNamespaces.Time, "start")] = interval[0];
            }
            if (interval[1] is not ("" or ".."))
            {
                values[(OpenSearchNamespaces.Time, "end")] = interval[1];
            }
        }
        if (since is { } s)
        {
            values[(OpenSearchNamespaces.Eo, "modificationDate")] = "[" + s.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
        return values;
    }

    private (IReadOnlyList<Func<string, (AssetRecord?, HarvestFailure?)>> Entries, long? Total) Read(SourceResponse response, string type)
    {
        if (type.StartsWith("application/atom+xml", StringComparison.Ordinal))
        {
            var feed = response.ReadXml();
            if (feed.Root?.Name != OpenSearchNamespaces.Atom + "feed")
            {
                throw new HarvestPageException($"{response.Url}: the answer is not an Atom feed", SourceClient.Sample(response.Body));
            }
            var total = feed.Root.Elements().FirstOrDefault(e => e.Name.LocalName == "totalResults")?.Value;
            var entries = feed.Root.Elements(OpenSearchNamespaces.Atom + "entry")
                .Select(e => (Func<string, (AssetRecord?, HarvestFailure?)>)(where => mapper.MapAtom(e, where))).ToList();
            return (entries, long.TryParse(total, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null);
        }
        using (var document = response.ReadJson())
        {
            var root = document.RootElement;
            if (root.At("features") is not { ValueKind: JsonValueKind.Array } features)
            {
                throw new HarvestPageException($"{response.Url}: the answer has no features list", SourceClient.Sample(response.Body));
            }
            var total = root.Integer("properties", "totalResults") ?? root.Integer("totalResults");
            var entries = features.EnumerateArray().Select(f => f.Clone())
                .Select(f => (Func<string, (AssetRecord?, HarvestFailure?)>)(where => mapper.MapGeoJson(f, where))).ToList();
            return (entries, total);
        }
    }
}
