using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Csw;

/// <summary>
/// Harvests an OGC CSW 2.0.2 catalogue with <c>GetRecords</c> in ISO 19139 (<c>outputSchema</c> gmd), page by page
/// through <c>startPosition</c> and the <c>nextRecord</c> each answer gives, the next start being the resume key.
/// An incremental run asks for records <c>Modified</c> since the newest date stamp seen; CSW lists no deletions,
/// so a complete full run's listing tells the runner what is gone. An <c>ows:ExceptionReport</c> fails the page.
/// </summary>
public sealed class CswConnector(SourceClient client, Uri baseUrl, CswOptions options, int pageSize, int? maxRecords, IsoMetadataMapper mapper) : IHarvestConnector
{
    public static readonly XNamespace Csw = "http://www.opengis.net/cat/csw/2.0.2";
    public static readonly XNamespace Ows = "http://www.opengis.net/ows";

    private HashSet<string>? _listed;

    public bool SupportsIncremental => true;

    /// <summary>The GetRecords request (KVP) for a page starting at a position.</summary>
    public Uri Page(int start, DateTimeOffset? since)
    {
        var query = "service=CSW&version=2.0.2&request=GetRecords&typeNames=" + Uri.EscapeDataString(options.TypeNames)
            + "&outputSchema=" + Uri.EscapeDataString(IsoMetadataMapper.Gmd.NamespaceName)
            + "&elementSetName=full&resultType=results"
            + "&startPosition=" + start.ToString(CultureInfo.InvariantCulture) + "&maxRecords=" + pageSize.ToString(CultureInfo.InvariantCulture);
        var constraints = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Constraint))
        {
            constraints.Add("(" + options.Constraint.Trim() + ")");
        }
        if (since is { } s)
        {
            constraints.Add("Modified >= '" + s.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "'");
        }
        if (constraints.Count > 0)
        {
            query += "&constraintLanguage=CQL_TEXT&constraint_language_version=1.1.0&constraint=" + Uri.EscapeDataString(string.Join(" AND ", constraints));
        }
        return new UriBuilder(baseUrl) { Query = query }.Uri;
    }

    public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var start = cursor.AfterKey is { } key && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var resumed) ? resumed : 1;
        var listing = cursor.AfterKey is null && cursor.ModifiedSince is null ? new HashSet<string>(StringComparer.Ordinal) : null;
        var taken = 0;
        while (true)
        {
            var url = Page(start, cursor.ModifiedSince);
            var (metadata, matched, next) = await FetchAsync(url, ct);
            var records = new List<AssetRecord>();
            var failures = new List<HarvestFailure>();
            DateTimeOffset? newest = null;
            var n = 0;
            foreach (var element in metadata)
            {
                n++;
                var (record, failure) = mapper.Map(element, $"records from {start}, record {n}");
                if (record is not null)
                {
                    records.Add(record);
                }
                if (failure is not null)
                {
                    failures.Add(failure);
                }
                if (IsoMetadataMapper.FileIdentifier(element) is { } id)
                {
                    listing?.Add(mapper.RecordId(id)); // a record that failed is still listed: it must not count as gone
                }
                var stamp = DateStamp(element);
                if (stamp is not null && (newest is null || stamp > newest))
                {
                    newest = stamp;
                }
            }
            taken += metadata.Count;
            var limitReached = maxRecords is { } max && taken >= max;
            if (limitReached)
            {
                listing = null; // a bounded run has not seen everything, so it cannot tell what was withdrawn
            }
            // nextRecord 0 (or past the matches, or no progress) ends the listing.
            var last = limitReached || metadata.Count == 0 || next <= start || next == 0 || (matched is { } m && next > m);
            yield return new HarvestPage(records, failures, last ? null : next.ToString(CultureInfo.InvariantCulture), newest);
            if (last)
            {
                break;
            }
            start = next;
        }
        _listed = listing;
    }

    private static DateTimeOffset? DateStamp(XElement metadata) =>
        Normalisation.JsonFields.ParseTime(metadata.Element(IsoMetadataMapper.Gmd + "dateStamp")?.Elements().FirstOrDefault()?.Value);

    public IAsyncEnumerable<string>? CurrentIdsAsync(CancellationToken ct) => _listed?.ToAsyncEnumerable();

    public Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AssetRecord>>([]);

    private async Task<(IReadOnlyList<XElement> Metadata, int? Matched, int Next)> FetchAsync(Uri url, CancellationToken ct)
    {
        var response = await client.GetAsync(url, "application/xml, text/xml", ct).AsPage();
        var document = response.ReadXml();
        var root = document.Root;
        if (root?.Name.LocalName == "ExceptionReport")
        {
            var exception = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Exception");
            throw new HarvestPageException($"{url}: the catalogue answered {(string?)exception?.Attribute("exceptionCode") ?? "an exception"}: {root.Value.Trim()}", SourceClient.Sample(response.Body));
        }
        if (root?.Name != Csw + "GetRecordsResponse" || root.Element(Csw + "SearchResults") is not { } results)
        {
            throw new HarvestPageException($"{url}: the answer is not a CSW 2.0.2 GetRecordsResponse", SourceClient.Sample(response.Body));
        }
        int? Number(string name) => int.TryParse((string?)results.Attribute(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var metadata = results.Elements().Where(e => e.Name.LocalName is "MD_Metadata" or "MI_Metadata").ToList();
        return (metadata, Number("numberOfRecordsMatched"), Number("nextRecord") ?? 0);
    }
}
