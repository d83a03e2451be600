using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.SearchApi.Features;
using DiscoveryPortal.SearchApi.OpenApi;
using DiscoveryPortal.SearchApi.Security;
using DiscoveryPortal.SearchApi.Stac;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DiscoveryPortal.SearchApi.Records;

/// <summary>
/// OGC API – Records at <c>/records</c>: one searchable catalogue (the collection <c>catalogue</c>) of every
/// record, datasets, observations, collections, tools and services alike, as core records. Its items answer
/// <c>bbox</c>, <c>datetime</c>, <c>q</c>, <c>type</c> (asset types, comma-separated), <c>ids</c>, <c>limit</c>,
/// <c>sortby</c>, CQL2 <c>filter</c> on the facet fields and the next link's <c>token</c>: the same selection,
/// through the same search, as <c>/api/search</c>.
/// </summary>
public static class RecordsEndpoints
{
    public const string Path = "/records";
    public const string CatalogueId = "catalogue";
    private const string Tag = "OGC API Records";

    public static IReadOnlyList<string> ConformsTo { get; } =
    [
        "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/record-core",
        "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/record-collection",
        "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/record-api",
        "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/searchable-catalog",
        "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/json",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
    ];

    public static IEndpointRouteBuilder MapRecordsEndpoints(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup(Path).WithTags(Tag).RequireCors(ReadOnlyCors.Policy);
        records.MapGet("", Landing).WithName("RecordsLanding").WithSummary("OGC API – Records landing page")
            .Produces(StatusCodes.Status200OK, contentType: FeaturePage.Json);
        records.MapGet("/conformance", Conformance).WithName("RecordsConformance").WithSummary("The conformance classes of the records API")
            .Produces(StatusCodes.Status200OK, contentType: FeaturePage.Json);
        records.MapGet("/collections", Collections).WithName("RecordsCollections").WithSummary("The record collections: the one catalogue")
            .Produces(StatusCodes.Status200OK, contentType: FeaturePage.Json);
        records.MapGet("/collections/{collectionId}", Collection).WithName("RecordsCollection").WithSummary("The catalogue, with its extent and record types")
            .Produces(StatusCodes.Status200OK, contentType: FeaturePage.Json);
        records.MapGet("/collections/{collectionId}/items", Items).RequireRateLimiting(SearchRateLimit.Policy).WithName("RecordsItems")
            .WithSummary("Search the catalogue's records")
            .WithDescription("bbox, datetime (an instant or start/end), q (the query language of /api/search), type (asset types, comma-separated: dataset, observation, " +
                "collection, datalab, tool, software, service, document), ids, limit (1-100), sortby (-datetime, +title), filter (CQL2 on the facet fields), token (from the next link).")
            .Produces(StatusCodes.Status200OK, contentType: FeaturePage.GeoJson);
        records.MapGet("/collections/{collectionId}/items/{recordId}", Item).WithName("RecordsItem").WithSummary("One record (its id, URL-encoded)")
            .Produces(StatusCodes.Status200OK, contentType: FeaturePage.GeoJson);
        return app;
    }

    public static ContentHttpResult Landing(RecordsLinks links) => FeaturePage.Answer(new JsonObject
    {
        ["title"] = "Discovery Portal records",
        ["description"] = "The catalogue of observations, datasets, collections, tools and services, as OGC API – Records.",
        ["links"] = new JsonArray
        {
            FeaturePage.Link("self", links.Root, FeaturePage.Json),
            FeaturePage.Link("conformance", links.For("/conformance"), FeaturePage.Json),
            FeaturePage.Link("data", links.For("/collections"), FeaturePage.Json),
            FeaturePage.Link("service-desc", links.Urls.For(ApiDocument.DocumentPath).ToString(), "application/vnd.oai.openapi+json;version=3.0"),
            FeaturePage.Link("service-doc", links.Urls.For(ApiDocument.DocsPath).ToString(), "text/html"),
        },
    }, FeaturePage.Json);

    public static ContentHttpResult Conformance() => FeaturePage.Answer(new JsonObject { ["conformsTo"] = FeaturePage.Strings(ConformsTo) }, FeaturePage.Json);

    public static async Task<ContentHttpResult> Collections(ISearchIndex index, RecordsLinks links, CancellationToken ct) => FeaturePage.Answer(new JsonObject
    {
        ["collections"] = new JsonArray(await CatalogueAsync(index, links, ct)),
        ["links"] = new JsonArray { FeaturePage.Link("self", links.For("/collections"), FeaturePage.Json), FeaturePage.Link("parent", links.Root, FeaturePage.Json) },
    }, FeaturePage.Json);

    public static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> Collection(string collectionId, ISearchIndex index, RecordsLinks links, CancellationToken ct) =>
        collectionId == CatalogueId ? FeaturePage.Answer(await CatalogueAsync(index, links, ct), FeaturePage.Json) : NoCollection(collectionId);

    /// <summary>The catalogue's description: how many records of each type, and the extent of its collection records.</summary>
    private static async Task<JsonObject> CatalogueAsync(ISearchIndex index, RecordsLinks links, CancellationToken ct)
    {
        var counts = await index.SearchAsync(new SearchRequest { Size = 0, FacetDimensions = [FacetDimensions.AssetType] }, ct);
        var types = counts.Facets.Where(f => f.Dimension == FacetDimensions.AssetType).SelectMany(f => f.Values).Where(v => v.Count > 0).ToList();
        return new JsonObject
        {
            ["id"] = CatalogueId,
            ["type"] = "Catalog",
            ["itemType"] = "record",
            ["title"] = "Discovery Portal catalogue",
            ["description"] = $"Every record of the catalogue ({counts.Total:N0}): " + string.Join(", ", types.Select(t => $"{t.Count:N0} {t.Value}")) + ".",
            ["recordTypes"] = FeaturePage.Strings(types.Select(t => t.Value)),
            [StacItem.Prefix + "count"] = counts.Total,
            ["extent"] = new JsonObject
            {
                ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(-180, -90, 180, 90)), ["crs"] = "http://www.opengis.net/def/crs/OGC/1.3/CRS84" },
                ["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray(null, null)) },
            },
            ["links"] = new JsonArray
            {
                FeaturePage.Link("self", links.Catalogue, FeaturePage.Json),
                FeaturePage.Link("items", links.Catalogue + "/items", FeaturePage.GeoJson, "The records"),
                FeaturePage.Link("parent", links.Root, FeaturePage.Json),
            },
        };
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Items(string collectionId, HttpContext http, ISearchIndex index, RecordsLinks links, CancellationToken ct)
    {
        if (collectionId != CatalogueId)
        {
            return NoCollection(collectionId);
        }
        var query = FeatureQuery.FromQuery(http.Request.Query);
        if (http.Request.Query.TryGetValue("type", out var type) && !string.IsNullOrWhiteSpace(type))
        {
            var types = type.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = types.Where(t => !Enum.TryParse<AssetType>(t, ignoreCase: true, out _) || !t.All(char.IsLetter)).ToList();
            if (unknown.Count > 0)
            {
                return FeaturePage.Invalid(new Dictionary<string, string[]>
                {
                    ["type"] = [$"'{string.Join(", ", unknown)}' is not a record type; these are: {string.Join(", ", Enum.GetNames<AssetType>().Select(n => n.ToLowerInvariant()))}."],
                });
            }
            query.Facets[FacetDimensions.AssetType] = types.Select(t => t.ToLowerInvariant()).ToList();
        }
        var request = query.ToRequest(out var errors);
        if (request is null)
        {
            return FeaturePage.Invalid(errors);
        }
        var result = await index.SearchAsync(request with { FacetDimensions = [] }, ct);
        return FeaturePage.Answer(FeaturePage.Build(result, r => CatalogueRecord.From(r, links), http.Request, null, links.Urls,
            [FeaturePage.Link("collection", links.Catalogue, FeaturePage.Json)]), FeaturePage.GeoJson);
    }

    public static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> Item(string collectionId, string recordId, ISearchIndex index, RecordsLinks links, CancellationToken ct)
    {
        if (collectionId != CatalogueId)
        {
            return NoCollection(collectionId);
        }
        var result = await index.SearchAsync(new SearchRequest { Ids = [Uri.UnescapeDataString(recordId)], Size = 1, FacetDimensions = [] }, ct);
        return result.Hits.Count == 0
            ? TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "No such record.", Detail = "The catalogue holds no record with that id." })
            : FeaturePage.Answer(CatalogueRecord.From(result.Hits[0].Record, links), FeaturePage.GeoJson);
    }

    private static NotFound<ProblemDetails> NoCollection(string id) => TypedResults.NotFound(new ProblemDetails
    {
        Status = 404,
        Title = "No such collection.",
        Detail = $"'{(id.Length > 80 ? id[..80] + "…" : id)}' is not a record collection; the one catalogue is '{CatalogueId}'.",
    });
}
