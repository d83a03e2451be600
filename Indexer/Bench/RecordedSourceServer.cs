using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Bench;

/// <summary>What the server does instead of answering one request: an HTTP status (with Retry-After), or a body cut in half.</summary>
public sealed record ServerFault(int Status = 0, int? RetryAfterSeconds = null, bool Truncate = false)
{
    public static ServerFault Code(int status, int? retryAfter = null) => new(status, retryAfter);

    public static ServerFault CutShort { get; } = new(Truncate: true);
}

/// <summary>
/// A real HTTP server on loopback that speaks Zenodo's <c>/api/records</c>, a STAC API and an OpenSearch
/// (Atom) service over recorded records from <c>data-samples/</c>, paging them as those services do
/// (links.next, STAC next links with POST bodies and tokens, OpenSearch startIndex and totalResults).
/// Tests change its records, inject faults and hold requests; the harvest benchmark multiplies them. Every request is logged.
/// </summary>
public sealed class RecordedSourceServer : IAsyncDisposable
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly WebApplication _app;
    private int _requests;

    private RecordedSourceServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public List<JsonObject> ZenodoHits { get; } = [];

    /// <summary>Zenodo record ids that answer 410 Gone on the single-record endpoint.</summary>
    public HashSet<string> ZenodoDeleted { get; } = [];

    public List<JsonObject> StacCollections { get; } = [];

    public List<JsonObject> StacItems { get; } = [];

    public List<XElement> AtomEntries { get; } = [];

    /// <summary>CMR collections as UMM-JSON items (<c>{meta, umm}</c>).</summary>
    public List<JsonObject> CmrCollections { get; } = [];

    /// <summary>CMR granules as UMM-JSON items.</summary>
    public List<JsonObject> CmrGranules { get; } = [];

    /// <summary>What CMR's deleted-collections and deleted-granules listings answer: concept id and when it was deleted.</summary>
    public List<(string ConceptId, DateTimeOffset Deleted)> CmrDeleted { get; } = [];

    /// <summary>OAI-PMH records by metadata prefix (the recorded DaCHS answers, and InvenioRDM's in oai_datacite), each an <c>oai:record</c>.</summary>
    public Dictionary<string, List<XElement>> OaiRecords { get; } = [];

    /// <summary>OAI identifiers whose headers say <c>deleted</c>.</summary>
    public HashSet<string> OaiDeleted { get; } = [];

    /// <summary>Records per ListRecords answer before a resumption token.</summary>
    public int OaiPageSize { get; set; } = 2;

    public Uri OaiUrl => new(BaseUrl, "oai");

    /// <summary>ISO 19139 metadata documents (OWSLib's recorded CSW answers, data-samples/csw) a CSW GetRecords pages over.</summary>
    public List<XElement> CswRecords { get; } = [];

    public Uri CswUrl => new(BaseUrl, "csw");

    /// <summary>Tokens carry the generation they were handed out in; only the current one's are valid.</summary>
    private int _cmrGeneration;

    /// <summary>Expires every search-after token handed out so far, as CMR does after some minutes.</summary>
    public void ExpireCmrTokens() => Interlocked.Increment(ref _cmrGeneration);

    /// <summary>Whether the STAC landing page offers search by POST (otherwise GET only).</summary>
    public bool StacOffersPost { get; set; } = true;

    /// <summary>For the n-th request, the Unix time to announce as X-RateLimit-Reset with X-RateLimit-Remaining: 0.</summary>
    public Func<int, long?>? RateLimitReset { get; set; }

    /// <summary>Collections per /collections page (to exercise its next links).</summary>
    public int CollectionsPerPage { get; set; } = 1;

    /// <summary>Decides, for the n-th request (from 1) and its path, whether to spoil the answer.</summary>
    public Func<int, HttpRequest, ServerFault?>? Faults { get; set; }

    public List<string> Log { get; } = [];

    /// <summary>Given a request as <see cref="Log"/> writes it, what to await before answering it: a test holds a page until it releases it.</summary>
    public Func<string, Task?>? Hold { get; set; }

    public Uri ZenodoUrl => BaseUrl;

    public Uri StacUrl => new(BaseUrl, "stac/");

    public Uri OpenSearchUrl => new(BaseUrl, "opensearch/description.xml");

    public Uri CmrUrl => new(BaseUrl, "cmr/search/");

    /// <summary>Starts the server with the recorded records of a data-samples folder, each repeated <paramref name="copies"/> times.</summary>
    public static async Task<RecordedSourceServer> StartAsync(string dataSamples, int copies = 1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordedSourceServer(app);
        server.Load(dataSamples, copies);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Load(string dataSamples, int copies)
    {
        var zenodo = JsonNode.Parse(File.ReadAllText(Path.Combine(dataSamples, "zenodo", "search-phlorest-page-1.json")))!["hits"]!["hits"]!.AsArray();
        var legacy = JsonNode.Parse(File.ReadAllText(Path.Combine(dataSamples, "zenodo", "xenon-record-legacy.json")))!.AsObject();
        var staticRoot = Path.Combine(dataSamples, "stac", "static");
        var collection = JsonNode.Parse(File.ReadAllText(Path.Combine(staticRoot, "catalog.json")))!.AsObject();
        collection["type"] = "Collection"; // the static root describes the collection its items name
        var items = Directory.EnumerateFiles(staticRoot, "*.json", SearchOption.AllDirectories).Where(f => f.Contains("/items/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject()).ToList();
        var entries = XDocument.Load(Path.Combine(dataSamples, "opensearch", "mundi", "search-page-1.xml")).Root!.Elements(Atom + "entry").ToList();
        static List<JsonObject> CmrItems(string dataSamples, params string[] files) =>
            files.SelectMany(f => JsonNode.Parse(File.ReadAllText(Path.Combine(dataSamples, "cmr", f)))!["items"]!.AsArray().Select(i => i!.AsObject())).ToList();
        XNamespace oai = "http://www.openarchives.org/OAI/2.0/";
        foreach (var (prefix, file) in new[] { ("oai_dc", "dachs-listrecords-oai_dc.xml"), ("ivo_vor", "dachs-listrecords-ivo_vor.xml"), ("oai_datacite", "inveniordm-listrecords-oai_datacite.xml") })
        {
            var recorded = XDocument.Load(Path.Combine(dataSamples, "oaipmh", file)).Descendants(oai + "record").ToList();
            OaiRecords[prefix] = Enumerable.Range(0, copies).SelectMany(copy => recorded.Select(r =>
            {
                var record = new XElement(r);
                if (copies > 1)
                {
                    record.Descendants(oai + "identifier").First().Value += "-" + copy.ToString("D6", CultureInfo.InvariantCulture);
                }
                return record;
            })).ToList();
        }
        var iso = Directory.GetFiles(Path.Combine(dataSamples, "csw"), "*.xml").Order(StringComparer.Ordinal)
            .SelectMany(f => XDocument.Load(f).Descendants().Where(e => e.Name.LocalName is "MD_Metadata" or "MI_Metadata").Where(e => e.Parent?.Name.LocalName is not ("MD_Metadata" or "MI_Metadata"))).ToList();
        XNamespace gmd = "http://www.isotc211.org/2005/gmd";
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var metadata in iso)
            {
                var record = new XElement(metadata);
                if (copies > 1)
                {
                    record.Element(gmd + "fileIdentifier")!.Elements().First().Value += "-" + copy.ToString("D6", CultureInfo.InvariantCulture);
                }
                CswRecords.Add(record);
            }
        }
        var cmrCollections = CmrItems(dataSamples, "collections-pocloud-cloud-hosted.json");
        var cmrGranules = CmrItems(dataSamples, "granules-tellus-grac-l3.json", "granule-laads-myd021km.json", "granule-ssh-grids.json");
        for (var copy = 0; copy < copies; copy++)
        {
            var suffix = copies == 1 ? "" : "-" + copy.ToString("D6", CultureInfo.InvariantCulture);
            foreach (var hit in zenodo.Select(h => h!.AsObject()).Append(legacy))
            {
                var h = hit.DeepClone().AsObject();
                var offset = copy * 100_000_000L;
                h["id"] = (long)h["id"]! + offset;
                h["conceptrecid"] = (long.Parse((string)h["conceptrecid"]!, CultureInfo.InvariantCulture) + offset).ToString(CultureInfo.InvariantCulture);
                h["metadata"]!["title"] = (string)h["metadata"]!["title"]! + suffix;
                ZenodoHits.Add(h);
            }
            if (copy == 0)
            {
                StacCollections.Add(collection);
            }
            foreach (var item in items)
            {
                var i = item.DeepClone().AsObject();
                i["id"] = (string)i["id"]! + suffix;
                StacItems.Add(i);
            }
            foreach (var (from, to) in new[] { (cmrCollections, CmrCollections), (cmrGranules, CmrGranules) })
            {
                foreach (var item in from)
                {
                    var i = item.DeepClone().AsObject();
                    i["meta"]!["concept-id"] = (string)i["meta"]!["concept-id"]! + suffix;
                    to.Add(i);
                }
            }
            foreach (var entry in entries)
            {
                var e = new XElement(entry);
                foreach (var id in e.Elements().Where(x => x.Name.LocalName is "identifier" or "id" or "title"))
                {
                    id.Value += suffix;
                }
                AtomEntries.Add(e);
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var n = Interlocked.Increment(ref _requests);
        var request = context.Request;
        string? requestBody = null;
        if (request.ContentLength > 0 || request.Method == "POST")
        {
            using var reader = new StreamReader(request.Body);
            requestBody = await reader.ReadToEndAsync();
        }
        var searchAfter = request.Headers["CMR-Search-After"].FirstOrDefault() is { } token ? " CMR-Search-After: " + token : "";
        var line = $"{request.Method} {request.Path}{request.QueryString}{(requestBody is null ? "" : " " + requestBody)}{searchAfter}";
        lock (Log)
        {
            Log.Add(line);
        }
        if (Hold?.Invoke(line) is { } held)
        {
            await held.WaitAsync(context.RequestAborted);
        }
        if (Faults?.Invoke(n, request) is { Truncate: false } status)
        {
            context.Response.StatusCode = status.Status;
            if (status.RetryAfterSeconds is { } wait)
            {
                context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            }
            await context.Response.WriteAsync($"{{\"status\": {status.Status}, \"message\": \"injected by the test\"}}");
            return;
        }
        if (RateLimitReset?.Invoke(n) is { } reset)
        {
            context.Response.Headers["X-RateLimit-Limit"] = "60";
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        }
        var (code, type, body) = Answer(request, requestBody, context.Response);
        if (Faults?.Invoke(n, request) is { Truncate: true })
        {
            body = body[..(body.Length / 2)];
        }
        context.Response.StatusCode = code;
        context.Response.ContentType = type;
        await context.Response.WriteAsync(body);
    }

    private (int Status, string Type, string Body) Answer(HttpRequest request, string? body, HttpResponse response)
    {
        var path = request.Path.Value ?? "/";
        var query = request.Query;
        const string json = "application/json";
        if (path == "/api/records")
        {
            return (200, json, ZenodoSearch(query));
        }
        if (path.StartsWith("/api/records/", StringComparison.Ordinal))
        {
            var id = path["/api/records/".Length..];
            var hit = ZenodoHits.FirstOrDefault(h => h["id"]!.ToString() == id);
            return ZenodoDeleted.Contains(id) ? (410, json, "{\"status\": 410, \"message\": \"PID has been deleted.\"}")
                : hit is null ? (404, json, "{\"status\": 404, \"message\": \"PID does not exist.\"}")
                : (200, json, hit.ToJsonString());
        }
        if (path == "/stac/" || path == "/stac")
        {
            return (200, json, StacLanding());
        }
        if (path == "/stac/collections")
        {
            return (200, json, StacCollectionsPage(int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1));
        }
        if (path == "/stac/search")
        {
            var parameters = request.Method == "POST" ? JsonNode.Parse(body ?? "{}")!.AsObject() : new JsonObject
            {
                ["limit"] = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 10,
                ["token"] = (string?)query["token"],
                ["datetime"] = (string?)query["datetime"],
            };
            return (200, "application/geo+json", StacSearch(parameters, request.Method == "POST"));
        }
        if (path is "/cmr/search/collections.umm_json" or "/cmr/search/granules.umm_json")
        {
            return CmrSearch(path.Contains("granules", StringComparison.Ordinal) ? CmrGranules : CmrCollections, request, response);
        }
        if (path is "/cmr/search/deleted-collections.json" or "/cmr/search/deleted-granules.json")
        {
            return (200, json, CmrDeletedListing(query, path.Contains("granules", StringComparison.Ordinal) ? 'G' : 'C'));
        }
        if (path == "/csw")
        {
            return (200, "application/xml", CswGetRecords(query));
        }
        if (path == "/oai")
        {
            return (200, "text/xml", OaiListRecords(query));
        }
        if (path == "/opensearch/description.xml")
        {
            return (200, "application/opensearchdescription+xml", Description());
        }
        if (path == "/opensearch")
        {
            return (200, "application/atom+xml", AtomFeed(query));
        }
        return (404, "text/plain", $"nothing recorded at {path}");
    }

    private string ZenodoSearch(IQueryCollection query)
    {
        var size = int.TryParse(query["size"], CultureInfo.InvariantCulture, out var s) ? s : 10;
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1;
        IEnumerable<JsonObject> hits = ZenodoHits;
        // The one query form the connector sends besides plain text: updated:>=yyyy-MM-dd.
        var q = (string?)query["q"] ?? "";
        var since = System.Text.RegularExpressions.Regex.Match(q, @"updated:>=(\d{4}-\d{2}-\d{2})");
        if (since.Success)
        {
            var day = DateTimeOffset.Parse(since.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            hits = hits.Where(h => DateTimeOffset.Parse((string)h["updated"]!, CultureInfo.InvariantCulture) >= day);
        }
        var all = hits.OrderByDescending(h => (string?)h["updated"], StringComparer.Ordinal).ToList();
        var pageHits = all.Skip((page - 1) * size).Take(size).Select(h => h.DeepClone()).ToArray();
        var links = new JsonObject { ["self"] = Url("api/records", query, ("page", page)) };
        if (page * size < all.Count)
        {
            links["next"] = Url("api/records", query, ("page", page + 1));
        }
        return new JsonObject { ["hits"] = new JsonObject { ["hits"] = new JsonArray(pageHits), ["total"] = all.Count }, ["links"] = links }.ToJsonString();
    }

    /// <summary>
    /// CMR's UMM-JSON search: <c>page_size</c>, <c>revision_date=since,</c>, and paging by the token the previous
    /// answer's <c>CMR-Search-After</c> header gave, sent back in the request's header (a bad or expired one is a 400).
    /// </summary>
    private (int Status, string Type, string Body) CmrSearch(List<JsonObject> all, HttpRequest request, HttpResponse response)
    {
        var size = int.TryParse(request.Query["page_size"], CultureInfo.InvariantCulture, out var s) ? s : 10;
        IEnumerable<JsonObject> items = all;
        if (((string?)request.Query["revision_date"])?.Split(',')[0] is { Length: > 0 } since)
        {
            var after = DateTimeOffset.Parse(since, CultureInfo.InvariantCulture);
            items = items.Where(i => DateTimeOffset.Parse((string)i["meta"]!["revision-date"]!, CultureInfo.InvariantCulture) >= after);
        }
        var matching = items.ToList();
        var start = 0;
        if (request.Headers["CMR-Search-After"].FirstOrDefault() is { } token)
        {
            var parsed = JsonNode.Parse(token)?.AsArray();
            if (parsed is not { Count: 3 } || (string?)parsed[0] != "recorded" || (int)parsed[1]! != _cmrGeneration)
            {
                return (400, "application/json", "{\"errors\":[\"The provided search-after value is not valid or has expired.\"]}");
            }
            start = (int)parsed[2]!;
        }
        var page = matching.Skip(start).Take(size).Select(i => (JsonNode)i.DeepClone()).ToArray();
        response.Headers["CMR-Hits"] = matching.Count.ToString(CultureInfo.InvariantCulture);
        if (page.Length > 0)
        {
            response.Headers["CMR-Search-After"] = $"[\"recorded\",{_cmrGeneration},{start + page.Length}]";
        }
        return (200, "application/vnd.nasa.cmr.umm_results+json;version=1.6.5; charset=utf-8",
            new JsonObject { ["hits"] = matching.Count, ["took"] = 5, ["items"] = new JsonArray(page) }.ToJsonString());
    }

    /// <summary>OAI-PMH ListRecords over the recorded records: metadataPrefix, set, from, and resumption tokens of <see cref="OaiPageSize"/>.</summary>
    private string OaiListRecords(IQueryCollection query)
    {
        XNamespace oai = "http://www.openarchives.org/OAI/2.0/";
        var (prefix, set, from, start) = ((string?)query["metadataPrefix"], (string?)query["set"], (string?)query["from"], 0);
        if ((string?)query["resumptionToken"] is { } token)
        {
            var parts = token.Split('|');
            (prefix, set, from, start) = (parts[0], parts[1].Length == 0 ? null : parts[1], parts[2].Length == 0 ? null : parts[2], int.Parse(parts[3], CultureInfo.InvariantCulture));
        }
        XElement Answer(params object[] content) => new(oai + "OAI-PMH", new XElement(oai + "responseDate", "2026-12-01T00:00:00Z"), content);
        if (prefix is null || !OaiRecords.TryGetValue(prefix, out var recorded))
        {
            return Answer(new XElement(oai + "error", new XAttribute("code", "cannotDisseminateFormat"), $"no format '{prefix}'")).ToString();
        }
        IEnumerable<XElement> records = recorded;
        if (set is not null)
        {
            records = records.Where(r => r.Descendants(oai + "setSpec").Any(s => s.Value == set));
        }
        if (from is not null)
        {
            var since = DateTimeOffset.Parse(from, CultureInfo.InvariantCulture);
            records = records.Where(r => DateTimeOffset.Parse(r.Descendants(oai + "datestamp").First().Value, CultureInfo.InvariantCulture) >= since);
        }
        var all = records.ToList();
        if (all.Count == 0)
        {
            return Answer(new XElement(oai + "error", new XAttribute("code", "noRecordsMatch"), "no records")).ToString();
        }
        var page = all.Skip(start).Take(OaiPageSize).Select(r =>
        {
            var copy = new XElement(r);
            if (OaiDeleted.Contains(copy.Descendants(oai + "identifier").First().Value))
            {
                copy.Element(oai + "header")!.SetAttributeValue("status", "deleted");
                copy.Element(oai + "metadata")?.Remove();
            }
            return copy;
        }).ToList();
        var list = new XElement(oai + "ListRecords", page);
        if (start + OaiPageSize < all.Count)
        {
            list.Add(new XElement(oai + "resumptionToken", new XAttribute("completeListSize", all.Count), $"{prefix}|{set}|{from}|{start + OaiPageSize}"));
        }
        return Answer(list).ToString();
    }

    /// <summary>
    /// CSW 2.0.2 GetRecords (KVP) over the recorded ISO 19139 documents: startPosition, maxRecords, and of a CQL
    /// constraint the <c>Modified &gt;= 'date'</c> an incremental harvest sends (against each document's dateStamp).
    /// </summary>
    private string CswGetRecords(IQueryCollection query)
    {
        XNamespace csw = "http://www.opengis.net/cat/csw/2.0.2";
        XNamespace ows = "http://www.opengis.net/ows";
        XNamespace gmd = "http://www.isotc211.org/2005/gmd";
        if (!string.Equals((string?)query["request"], "GetRecords", StringComparison.OrdinalIgnoreCase))
        {
            return new XElement(ows + "ExceptionReport", new XAttribute("version", "1.2.0"),
                new XElement(ows + "Exception", new XAttribute("exceptionCode", "OperationNotSupported"), new XElement(ows + "ExceptionText", $"no operation '{(string?)query["request"]}'"))).ToString();
        }
        if ((string?)query["typeNames"] is not ("gmd:MD_Metadata" or null))
        {
            return new XElement(ows + "ExceptionReport", new XAttribute("version", "1.2.0"),
                new XElement(ows + "Exception", new XAttribute("exceptionCode", "InvalidParameterValue"), new XAttribute("locator", "typeNames"), new XElement(ows + "ExceptionText", $"no type '{(string?)query["typeNames"]}'"))).ToString();
        }
        var start = int.Parse((string?)query["startPosition"] ?? "1", CultureInfo.InvariantCulture);
        var max = int.Parse((string?)query["maxRecords"] ?? "10", CultureInfo.InvariantCulture);
        IEnumerable<XElement> records = CswRecords;
        if ((string?)query["constraint"] is { } constraint && System.Text.RegularExpressions.Regex.Match(constraint, "Modified >= '([^']+)'") is { Success: true } modified)
        {
            var since = DateTimeOffset.Parse(modified.Groups[1].Value, CultureInfo.InvariantCulture);
            records = records.Where(r => DateTimeOffset.Parse(r.Element(gmd + "dateStamp")!.Elements().First().Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) >= since);
        }
        var all = records.ToList();
        var page = all.Skip(start - 1).Take(max).Select(r => new XElement(r)).ToList();
        var next = start - 1 + page.Count < all.Count ? start + page.Count : 0;
        return new XElement(csw + "GetRecordsResponse", new XAttribute("version", "2.0.2"),
            new XElement(csw + "SearchStatus", new XAttribute("timestamp", "2026-12-01T00:00:00Z")),
            new XElement(csw + "SearchResults", new XAttribute("numberOfRecordsMatched", all.Count), new XAttribute("numberOfRecordsReturned", page.Count),
                new XAttribute("elementSet", "full"), new XAttribute("nextRecord", next), page)).ToString();
    }

    private string CmrDeletedListing(IQueryCollection query, char prefix)
    {
        var since = DateTimeOffset.Parse(((string?)query["revision_date"]) ?? "1970-01-01T00:00:00Z", CultureInfo.InvariantCulture);
        var entries = CmrDeleted.Where(d => d.ConceptId[0] == prefix && d.Deleted >= since)
            .Select(d => (JsonNode)new JsonObject { ["id"] = d.ConceptId, ["revision-date"] = d.Deleted.ToString("O", CultureInfo.InvariantCulture) }).ToArray();
        return new JsonObject { ["feed"] = new JsonObject { ["entry"] = new JsonArray(entries) } }.ToJsonString();
    }

    private string StacLanding() => new JsonObject
    {
        ["type"] = "Catalog",
        ["id"] = "recorded",
        ["stac_version"] = "1.0.0",
        ["description"] = "Recorded STAC items served on loopback",
        ["conformsTo"] = new JsonArray("https://api.stacspec.org/v1.0.0/core", "https://api.stacspec.org/v1.0.0/collections", "https://api.stacspec.org/v1.0.0/item-search"),
        ["links"] = new JsonArray(
            new JsonObject { ["rel"] = "self", ["href"] = new Uri(StacUrl, ".").ToString() },
            new JsonObject { ["rel"] = "data", ["href"] = new Uri(StacUrl, "collections").ToString() },
            new JsonObject { ["rel"] = "search", ["href"] = new Uri(StacUrl, "search").ToString(), ["method"] = "GET" },
            new JsonObject { ["rel"] = "search", ["href"] = new Uri(StacUrl, "search").ToString(), ["method"] = StacOffersPost ? "POST" : "GET" }),
    }.ToJsonString();

    private string StacCollectionsPage(int page)
    {
        var per = Math.Max(1, CollectionsPerPage);
        var links = new JsonArray();
        if (page * per < StacCollections.Count)
        {
            links.Add(new JsonObject { ["rel"] = "next", ["href"] = new Uri(StacUrl, $"collections?page={page + 1}").ToString() });
        }
        var collections = StacCollections.Skip((page - 1) * per).Take(per).Select(c => (JsonNode)c.DeepClone()).ToArray();
        return new JsonObject { ["collections"] = new JsonArray(collections), ["links"] = links }.ToJsonString();
    }

    private string StacSearch(JsonObject parameters, bool post)
    {
        var limit = parameters["limit"]?.GetValue<int>() ?? 10;
        var start = int.TryParse((string?)parameters["token"], CultureInfo.InvariantCulture, out var t) ? t : 0;
        IEnumerable<JsonObject> items = StacItems;
        if ((string?)parameters["datetime"] is { } interval && interval.Split('/')[0] is { } from && from != ".." && from.Length > 0)
        {
            var after = DateTimeOffset.Parse(from, CultureInfo.InvariantCulture);
            items = items.Where(i => DateTimeOffset.Parse((string)i["properties"]!["datetime"]!, CultureInfo.InvariantCulture) >= after);
        }
        var all = items.ToList();
        var features = all.Skip(start).Take(limit).Select(i => (JsonNode)i.DeepClone()).ToArray();
        var links = new JsonArray();
        if (start + limit < all.Count)
        {
            var next = (start + limit).ToString(CultureInfo.InvariantCulture);
            links.Add(post
                ? new JsonObject { ["rel"] = "next", ["href"] = new Uri(StacUrl, "search").ToString(), ["method"] = "POST", ["body"] = new JsonObject { ["token"] = next }, ["merge"] = true }
                : new JsonObject { ["rel"] = "next", ["href"] = new Uri(StacUrl, $"search?limit={limit}&token={next}").ToString() });
        }
        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features), ["links"] = links, ["numberMatched"] = all.Count }.ToJsonString();
    }

    private string Description() =>
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:geo="http://a9.com/-/opensearch/extensions/geo/1.0/"
            xmlns:time="http://a9.com/-/opensearch/extensions/time/1.0/" xmlns:eo="http://a9.com/-/opensearch/extensions/eo/1.0/">
          <ShortName>Recorded OpenSearch</ShortName>
          <Url type="text/html" template="BASE/opensearch/html?q={searchTerms}"/>
          <Url type="application/atom+xml" rel="results" indexOffset="1"
               template="BASE/opensearch?q={searchTerms?}&amp;bbox={geo:box?}&amp;start={time:start?}&amp;end={time:end?}&amp;modified={eo:modificationDate?}&amp;count={count?}&amp;startIndex={startIndex?}"/>
        </OpenSearchDescription>
        """.Replace("BASE/", BaseUrl.ToString(), StringComparison.Ordinal);

    private string AtomFeed(IQueryCollection query)
    {
        var count = int.TryParse(query["count"], CultureInfo.InvariantCulture, out var c) ? c : 10;
        var start = int.TryParse(query["startIndex"], CultureInfo.InvariantCulture, out var s) ? s : 1;
        IEnumerable<XElement> entries = AtomEntries;
        if (((string?)query["modified"])?.TrimStart('[') is { Length: > 0 } modified)
        {
            var since = DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture);
            entries = entries.Where(e => DateTimeOffset.Parse(e.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture) >= since);
        }
        var all = entries.ToList();
        XNamespace os = "http://a9.com/-/spec/opensearch/1.1/";
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xmlns + "os", os),
            new XElement(Atom + "title", "Recorded OpenSearch - Search Results"),
            new XElement(os + "totalResults", all.Count),
            new XElement(os + "startIndex", start),
            new XElement(os + "itemsPerPage", count),
            all.Skip(start - 1).Take(count).Select(e => new XElement(e)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), feed).Declaration + feed.ToString(SaveOptions.DisableFormatting);
    }

    private string Url(string path, IQueryCollection query, (string Name, int Value) replace)
    {
        var parts = query.Where(q => q.Key != replace.Name).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"{replace.Name}={replace.Value.ToString(CultureInfo.InvariantCulture)}");
        return new Uri(BaseUrl, path + "?" + string.Join('&', parts)).ToString();
    }
}
