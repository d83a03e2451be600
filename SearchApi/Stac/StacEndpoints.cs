using System.Text.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Sources;
using DiscoveryPortal.SearchApi.Features;
using DiscoveryPortal.SearchApi.OpenApi;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DiscoveryPortal.SearchApi.Stac;

/// <summary>
/// STAC API 1.0 at <c>/stac</c>: the landing page, conformance, one collection per source, its items, and the
/// item search (GET and POST) with <c>bbox</c>, <c>intersects</c>, <c>datetime</c>, <c>collections</c>,
/// <c>ids</c>, <c>limit</c> and next links, the free-text <c>q</c>, <c>sortby</c>, and CQL2 filters on the
/// facet fields. Every selection is a search of <c>/api/search</c> (<see cref="FeatureQuery"/>), so the two agree
/// on every count.
/// </summary>
public static class StacEndpoints
{
    public const string Path = "/stac";
    private const string Tag = "STAC";

    public static IReadOnlyList<string> ConformsTo { get; } =
    [
        "https://api.stacspec.org/v1.0.0/core",
        "https://api.stacspec.org/v1.0.0/collections",
        "https://api.stacspec.org/v1.0.0/ogcapi-features",
        "https://api.stacspec.org/v1.0.0/item-search",
        "https://api.stacspec.org/v1.0.0/item-search#sort",
        "https://api.stacspec.org/v1.0.0/ogcapi-features#sort",
        "https://api.stacspec.org/v1.0.0-rc.1/item-search#free-text",
        "https://api.stacspec.org/v1.0.0-rc.1/ogcapi-features#free-text",
        "https://api.stacspec.org/v1.0.0-rc.2/item-search#filter",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
    ];

    public static IEndpointRouteBuilder MapStacEndpoints(this IEndpointRouteBuilder app)
    {
        var stac = app.MapGroup(Path).WithTags(Tag);
        stac.MapGet("", Landing).RequireCors(ReadOnlyCors.Policy).WithName("StacLanding").WithSummary("STAC API landing page")
            .Produces(StatusCodes.Status200OK, contentType: StacLinks.Json);
        stac.MapGet("/conformance", Conformance).RequireCors(ReadOnlyCors.Policy).WithName("StacConformance").WithSummary("The conformance classes this API implements")
            .Produces(StatusCodes.Status200OK, contentType: StacLinks.Json);
        stac.MapGet("/queryables", Queryables).RequireCors(ReadOnlyCors.Policy).WithName("StacQueryables").WithSummary("The fields a CQL2 filter can name")
            .Produces(StatusCodes.Status200OK, contentType: "application/schema+json");
        stac.MapGet("/collections", Collections).RequireCors(ReadOnlyCors.Policy).WithName("StacCollections").WithSummary("Every collection: one per source of the catalogue")
            .Produces(StatusCodes.Status200OK, contentType: StacLinks.Json);
        stac.MapGet("/collections/{collectionId}", Collection).RequireCors(ReadOnlyCors.Policy).WithName("StacCollection").WithSummary("One collection, with its extent and summaries")
            .Produces(StatusCodes.Status200OK, contentType: StacLinks.Json);
        stac.MapGet("/collections/{collectionId}/queryables", CollectionQueryables).RequireCors(ReadOnlyCors.Policy).WithName("StacCollectionQueryables")
            .WithSummary("The fields a CQL2 filter can name in one collection").Produces(StatusCodes.Status200OK, contentType: "application/schema+json");
        stac.MapGet("/collections/{collectionId}/items", Items).RequireCors(ReadOnlyCors.Policy).RequireRateLimiting(SearchRateLimit.Policy)
            .WithName("StacItems").WithSummary("A collection's items (bbox, datetime, limit, q, sortby, filter)")
            .WithDescription("The records of the source, as STAC Items; the same selection as /api/search?source={collectionId}. The next page is the link with rel=next.")
            .Produces(StatusCodes.Status200OK, contentType: StacLinks.GeoJson);
        stac.MapGet("/collections/{collectionId}/items/{itemId}", Item).RequireCors(ReadOnlyCors.Policy).WithName("StacItem").WithSummary("One item (the record id, URL-encoded)")
            .Produces(StatusCodes.Status200OK, contentType: StacLinks.GeoJson);
        stac.MapGet("/search", SearchGet).RequireCors(ReadOnlyCors.Policy).RequireRateLimiting(SearchRateLimit.Policy)
            .WithName("StacSearchGet").WithSummary("Search items")
            .WithDescription("bbox (west,south,east,north), intersects (a GeoJSON geometry, searched as its bounding box), datetime (an instant or start/end, '..' open), " +
                "collections and ids (comma-separated), limit (1-100, 10 by default), q (the query language of /api/search), sortby (-datetime, +title), " +
                "filter with filter-lang cql2-text or cql2-json (= and IN on the facet fields, OR within a field, AND across fields), token (from the next link).")
            .Produces(StatusCodes.Status200OK, contentType: StacLinks.GeoJson);
        stac.MapPost("/search", SearchPost).WithName("StacSearchPost").WithSummary("Search items, the parameters as a JSON body")
            .WithDescription("The parameters of GET /stac/search as a JSON object: bbox, collections, ids as arrays, sortby as [{\"field\", \"direction\"}], filter as cql2-json. " +
                "The next page is the link with rel=next, method POST and the body to send.")
            .Accepts<JsonElement>("application/json")
            .RequireRateLimiting(SearchRateLimit.Policy)
            .Produces(StatusCodes.Status200OK, contentType: StacLinks.GeoJson);
        return app;
    }

    public static ContentHttpResult Landing(StacLinks links)
    {
        var linkList = new JsonArray
        {
            StacLinks.Link("self", links.Root, StacLinks.Json),
            StacLinks.Link("root", links.Root, StacLinks.Json),
            StacLinks.Link("conformance", links.For("/conformance"), StacLinks.Json),
            StacLinks.Link("data", links.For("/collections"), StacLinks.Json),
            new JsonObject { ["rel"] = "search", ["href"] = links.For("/search"), ["type"] = StacLinks.GeoJson, ["method"] = "GET" },
            new JsonObject { ["rel"] = "search", ["href"] = links.For("/search"), ["type"] = StacLinks.GeoJson, ["method"] = "POST" },
            StacLinks.Link("http://www.opengis.net/def/rel/ogc/1.0/queryables", links.For("/queryables"), "application/schema+json"),
            StacLinks.Link("service-desc", links.Portal(ApiDocument.DocumentPath), "application/vnd.oai.openapi+json;version=3.0"),
            StacLinks.Link("service-doc", links.Portal(ApiDocument.DocsPath), "text/html"),
        };
        return FeaturePage.Answer(new JsonObject
        {
            ["type"] = "Catalog",
            ["stac_version"] = StacItem.Version,
            ["stac_extensions"] = new JsonArray(),
            ["id"] = "discovery-portal",
            ["title"] = "Discovery Portal",
            ["description"] = "Observations, datasets, tools and services from space-science and Earth-observation archives, one collection per source.",
            ["conformsTo"] = new JsonArray(ConformsTo.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["links"] = linkList,
        }, StacLinks.Json);
    }

    public static ContentHttpResult Conformance() =>
        FeaturePage.Answer(new JsonObject { ["conformsTo"] = new JsonArray(ConformsTo.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()) }, StacLinks.Json);

    public static ContentHttpResult Queryables(StacLinks links) => FeaturePage.Answer(QueryablesDocument(links.For("/queryables")), "application/schema+json");

    public static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> CollectionQueryables(string collectionId, ISearchIndex index, StacLinks links, CancellationToken ct) =>
        (await StacCollections.ListAsync(index, ct)).Any(v => v.Value == Uri.UnescapeDataString(collectionId))
            ? FeaturePage.Answer(QueryablesDocument(links.Collection(Uri.UnescapeDataString(collectionId)) + "/queryables"), "application/schema+json")
            : NoCollection(collectionId);

    /// <summary>The queryables: each facet field as a string property (JSON Schema), as the filter extension describes them.</summary>
    public static JsonObject QueryablesDocument(string id)
    {
        var properties = new JsonObject();
        foreach (var (name, dimension) in Cql2Filter.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var label = name == "collection" ? "Collection (the source)" : FacetDimensions.Get(dimension).Label;
            properties[name] = new JsonObject { ["title"] = label, ["type"] = "string" };
        }
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2019-09/schema",
            ["$id"] = id,
            ["type"] = "object",
            ["title"] = "Discovery Portal facet fields",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }

    public static async Task<ContentHttpResult> Collections(ISearchIndex index, SourceRegistry sources, StacLinks links, CancellationToken ct)
    {
        var file = await sources.AllAsync(ct: ct);
        var list = new JsonArray();
        var collectionRecords = await StacCollections.CollectionRecordsAsync(index, null, ct);
        foreach (var source in await StacCollections.ListAsync(index, ct))
        {
            var definition = file.Sources.FirstOrDefault(s => string.Equals(s.Id, source.Value, StringComparison.OrdinalIgnoreCase));
            var document = StacCollections.Document(source.Value, definition, source.Count, collectionRecords[source.Value], links);
            document["itemType"] = "feature";
            list.Add(document);
        }
        return FeaturePage.Answer(new JsonObject
        {
            ["collections"] = list,
            ["links"] = new JsonArray
            {
                StacLinks.Link("self", links.For("/collections"), StacLinks.Json),
                StacLinks.Link("root", links.Root, StacLinks.Json),
                StacLinks.Link("parent", links.Root, StacLinks.Json),
            },
        }, StacLinks.Json);
    }

    public static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> Collection(string collectionId, ISearchIndex index, SourceRegistry sources, StacLinks links, CancellationToken ct)
    {
        var id = Uri.UnescapeDataString(collectionId);
        var document = await StacCollections.DocumentAsync(id, await sources.DefinitionAsync(id, ct), index, links, ct);
        if (document is null)
        {
            return NoCollection(collectionId);
        }
        document["itemType"] = "feature";
        return FeaturePage.Answer(document, StacLinks.Json);
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Items(string collectionId, HttpContext http, ISearchIndex index, StacLinks links, CancellationToken ct)
    {
        var id = Uri.UnescapeDataString(collectionId);
        var query = FeatureQuery.FromQuery(http.Request.Query);
        query.Collections = [];
        query.Facets[FacetDimensions.Source] = [id];
        var request = query.ToRequest(out var errors);
        if (request is null)
        {
            return FeaturePage.Invalid(errors);
        }
        var result = await index.SearchAsync(request with { FacetDimensions = [] }, ct);
        if (result.Total == 0 && !(await StacCollections.ListAsync(index, ct)).Any(v => v.Value == id))
        {
            return NoCollection(collectionId);
        }
        return FeaturePage.Answer(FeaturePage.Build(result, r => StacItem.From(r, links), http.Request, null, links.Urls,
            [StacLinks.Link("root", links.Root, StacLinks.Json), StacLinks.Link("collection", links.Collection(id), StacLinks.Json), StacLinks.Link("parent", links.Collection(id), StacLinks.Json)]), StacLinks.GeoJson);
    }

    public static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> Item(string collectionId, string itemId, ISearchIndex index, StacLinks links, CancellationToken ct)
    {
        var request = new SearchRequest
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetDimensions.Source] = [Uri.UnescapeDataString(collectionId)] },
            Ids = [Uri.UnescapeDataString(itemId)],
            Size = 1,
            FacetDimensions = [],
        };
        var result = await index.SearchAsync(request, ct);
        return result.Hits.Count == 0
            ? TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "No such item.", Detail = $"Collection '{Short(collectionId)}' holds no item '{Short(itemId)}'." })
            : FeaturePage.Answer(StacItem.From(result.Hits[0].Record, links), StacLinks.GeoJson);
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem>> SearchGet(HttpContext http, ISearchIndex index, StacLinks links, CancellationToken ct) =>
        await Search(FeatureQuery.FromQuery(http.Request.Query), http.Request, null, index, links, ct);

    public static async Task<Results<ContentHttpResult, ValidationProblem>> SearchPost([FromBody] JsonElement body, HttpContext http, ISearchIndex index, StacLinks links, CancellationToken ct) =>
        await Search(FeatureQuery.FromBody(body), http.Request, body, index, links, ct);

    private static async Task<Results<ContentHttpResult, ValidationProblem>> Search(FeatureQuery query, HttpRequest http, JsonElement? body, ISearchIndex index, StacLinks links, CancellationToken ct)
    {
        var request = query.ToRequest(out var errors);
        if (request is null)
        {
            return FeaturePage.Invalid(errors);
        }
        var result = await index.SearchAsync(request with { FacetDimensions = [] }, ct);
        return FeaturePage.Answer(FeaturePage.Build(result, r => StacItem.From(r, links), http, body, links.Urls, [StacLinks.Link("root", links.Root, StacLinks.Json)]), StacLinks.GeoJson);
    }

    private static NotFound<ProblemDetails> NoCollection(string id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "No such collection.", Detail = $"No source '{Short(id)}' holds records; /stac/collections lists them." });

    private static string Short(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
