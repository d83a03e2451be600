using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.OaiPmh;

/// <summary>
/// Harvests an OAI-PMH repository with <c>ListRecords</c> (one metadata format, one set or all), page by page
/// through resumption tokens, each of which is the resume key. An incremental run asks <c>from</c> the newest
/// datestamp seen; records whose header says <c>deleted</c> are withdrawn, and a complete full run's listing
/// tells the runner what is gone. <c>noRecordsMatch</c> is an empty answer, not an error.
/// </summary>
public sealed class OaiPmhConnector(SourceClient client, Uri baseUrl, OaiPmhOptions options, int? maxRecords, OaiPmhMapper mapper) : IHarvestConnector
{
    public static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";

    private HashSet<string>? _listed;

    public bool SupportsIncremental => true;

    public Uri FirstPage(DateTimeOffset? since)
    {
        var query = "verb=ListRecords&metadataPrefix=" + Uri.EscapeDataString(options.MetadataPrefix);
        if (!string.IsNullOrWhiteSpace(options.Set))
        {
            query += "&set=" + Uri.EscapeDataString(options.Set.Trim());
        }
        if (since is { } s)
        {
            query += "&from=" + Uri.EscapeDataString(s.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        return With(query);
    }

    private Uri With(string query) => new UriBuilder(baseUrl) { Query = query }.Uri;

    public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var url = cursor.AfterKey is { } token ? With("verb=ListRecords&resumptionToken=" + Uri.EscapeDataString(token)) : FirstPage(cursor.ModifiedSince);
        var listing = cursor.AfterKey is null && cursor.ModifiedSince is null ? new HashSet<string>(StringComparer.Ordinal) : null;
        var taken = 0;
        var pageNumber = 0;
        while (true)
        {
            pageNumber++;
            var (records, next) = await FetchAsync(url, ct);
            var page = new List<AssetRecord>();
            var failures = new List<HarvestFailure>();
            var withdrawn = new List<string>();
            DateTimeOffset? newest = null;
            var n = 0;
            foreach (var element in records)
            {
                n++;
                var entry = mapper.Map(element, $"page {pageNumber} record {n}");
                if (entry.Record is { } record)
                {
                    page.Add(record);
                }
                if (entry.WithdrawnId is { } gone)
                {
                    withdrawn.Add(gone);
                }
                if (entry.Failure is { } failure)
                {
                    failures.Add(failure);
                }
                if (entry.Id is { } id && entry.WithdrawnId is null)
                {
                    listing?.Add(id); // a record that failed is still listed: it must not count as deleted
                }
                if (entry.Datestamp is { } stamp && (newest is null || stamp > newest))
                {
                    newest = stamp;
                }
            }
            taken += records.Count;
            var limitReached = maxRecords is { } max && taken >= max;
            if (limitReached)
            {
                listing = null; // a bounded run has not seen everything, so it cannot tell what was deleted
            }
            var last = next is null || limitReached;
            yield return new HarvestPage(page, failures, last ? null : next, newest, withdrawn);
            if (last)
            {
                break;
            }
            url = With("verb=ListRecords&resumptionToken=" + Uri.EscapeDataString(next!));
        }
        _listed = listing;
    }

    public IAsyncEnumerable<string>? CurrentIdsAsync(CancellationToken ct) => _listed?.ToAsyncEnumerable();

    public Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AssetRecord>>([]);

    private async Task<(IReadOnlyList<XElement> Records, string? Next)> FetchAsync(Uri url, CancellationToken ct)
    {
        var response = await client.GetAsync(url, "text/xml, application/xml", ct).AsPage();
        var document = response.ReadXml();
        var root = document.Root;
        if (root?.Name != Oai + "OAI-PMH")
        {
            throw new HarvestPageException($"{url}: the answer is not an OAI-PMH document", SourceClient.Sample(response.Body));
        }
        if (root.Element(Oai + "error") is { } error)
        {
            var code = (string?)error.Attribute("code");
            if (code == "noRecordsMatch")
            {
                return ([], null);
            }
            throw new HarvestPageException($"{url}: the repository answered {code}: {error.Value.Trim()}", SourceClient.Sample(response.Body));
        }
        if (root.Element(Oai + "ListRecords") is not { } list)
        {
            throw new HarvestPageException($"{url}: the answer has no ListRecords", SourceClient.Sample(response.Body));
        }
        var token = list.Element(Oai + "resumptionToken")?.Value.Trim();
        return (list.Elements(Oai + "record").ToList(), string.IsNullOrEmpty(token) ? null : token);
    }
}
