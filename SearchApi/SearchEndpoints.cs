using DiscoveryPortal.Indexer.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiscoveryPortal.SearchApi;

/// <summary><c>GET /api/search</c>: words, facets, sky, ground and time filters, sort and cursor paging.</summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", Search)
            .RequireRateLimiting(Security.SearchRateLimit.Policy)
            .WithName("Search")
            .WithTags("Search")
            .WithSummary("Search the catalogue")
            .WithDescription("Words (all must match), \"phrases\", OR, NOT and -word, prefix*, and title:, mission:, instrument:, author:, keyword:, doi: fields. " +
                "Repeat a facet parameter to OR its values; different facets are AND-ed. Facet counts of a dimension ignore that dimension's own selection.");
        return app;
    }

    public static async Task<Results<Ok<SearchResponse>, ValidationProblem>> Search([AsParameters] SearchQuery query, ISearchIndex index, CancellationToken ct)
    {
        var request = query.ToRequest(out var errors);
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors, title: "A search parameter has a bad value.");
        }
        var result = await index.SearchAsync(request, ct);
        return TypedResults.Ok(SearchResponse.From(result, query.Q));
    }
}
