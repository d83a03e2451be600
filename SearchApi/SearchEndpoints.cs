using System.Text;
using DiscoveryPortal.Connectors.VoTable;
using DiscoveryPortal.Indexer.Export;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.SearchApi.Formats;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace DiscoveryPortal.SearchApi;

/// <summary><c>GET /api/search</c>: words, facets, sky, ground and time filters, sort and cursor paging; as JSON, CSV, VOTable or an Atom feed.</summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", Search)
            .RequireRateLimiting(SearchRateLimit.Policy)
            .RequireCors(ReadOnlyCors.Policy)
            .WithName("Search")
            .WithTags("Search")
            .WithSummary("Search the catalogue")
            .WithDescription("Words (all must match), \"phrases\", OR, NOT and -word, prefix*, and title:, mission:, instrument:, author:, keyword:, doi: fields. " +
                "Repeat a facet parameter to OR its values; different facets are AND-ed. Facet counts of a dimension ignore that dimension's own selection. " +
                "format=csv or votable (or Accept: text/csv, application/x-votable+xml) answers the page of hits as a table whose columns are the hits' JSON field paths; " +
                "format=atom (or Accept: application/atom+xml) as an Atom feed, newest first unless sort is given, to follow the search; " +
                "the next page is then in the Link header (rel=\"next\") and the total in X-Total-Count.")
            .ProducesTables()
            .ProducesFeed();
        return app;
    }

    // One page of results; format (json, csv, votable) chooses the answer's format, fileFormat filters the data's.
    public static async Task<Results<Ok<SearchResponse>, FileContentHttpResult, ValidationProblem>> Search([AsParameters] SearchQuery query, string? format,
        HttpContext http, ISearchIndex index, PortalUrls urls, TimeProvider clock, CancellationToken ct)
    {
        http.Response.Headers.Vary = "Accept";
        var chosen = ResultFormats.Choose(http.Request);
        // A feed follows what is new: newest first unless the search names its order.
        if (chosen is ResultFormat.Atom && string.IsNullOrWhiteSpace(query.Sort))
        {
            query.Sort = "newest";
        }
        var request = query.ToRequest(out var errors);
        if (chosen is null)
        {
            errors[ResultFormats.Parameter] = [$"chooses the answer's format: {ResultFormats.Names}; the data's file format is filtered with fileFormat."];
        }
        if (request is null || chosen is null)
        {
            return TypedResults.ValidationProblem(errors, title: "A search parameter has a bad value.");
        }
        var result = await index.SearchAsync(request, ct);
        if (chosen is ResultFormat.Json)
        {
            return TypedResults.Ok(SearchResponse.From(result, query.Q));
        }
        var next = result.Next is null ? null : urls.For(NextPage(http.Request, result.Next.Encode())).ToString();
        http.Response.Headers["X-Total-Count"] = result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (next is not null)
        {
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        var name = "search." + ResultFormats.Extension(chosen.Value);
        if (chosen is ResultFormat.Atom)
        {
            var feed = new MemoryStream();
            var self = urls.For(http.Request.Path + http.Request.QueryString);
            var page = urls.For(QueryHelpers.AddQueryString("/search", http.Request.Query.Where(p => p.Key is not ("format" or "cursor" or "size"))
                .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, StringValues>(p.Key, v)))));
            AtomFeed.Write(feed, result, query.Q, self, page, next is null ? null : new Uri(next), urls, clock.GetUtcNow());
            return TypedResults.File(feed.ToArray(), ResultFormats.MediaType(ResultFormat.Atom));
        }
        if (chosen is ResultFormat.Csv)
        {
            var text = new StringWriter();
            TableExport.WriteCsv(text, SearchResultTable.Columns, result.Hits);
            return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), ResultFormats.MediaType(ResultFormat.Csv), name);
        }
        var infos = new List<VoInfo> { new("QUERY_STATUS", "OK", ""), new("total", result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture), "") };
        if (next is not null)
        {
            infos.Add(new VoInfo("next", next, "The next page of these results"));
        }
        var stream = new MemoryStream();
        TableExport.WriteVoTable(stream, "results", "Discovery Portal search results", SearchResultTable.Columns, result.Hits, infos);
        return TypedResults.File(stream.ToArray(), ResultFormats.MediaType(ResultFormat.VoTable), name);
    }

    /// <summary>This search's path and query with the cursor of the next page in place of the current one.</summary>
    private static string NextPage(HttpRequest request, string cursor) =>
        QueryHelpers.AddQueryString(request.Path.Value ?? "/api/search",
            request.Query.Where(p => !string.Equals(p.Key, "cursor", StringComparison.OrdinalIgnoreCase))
                .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, StringValues>(p.Key, v)))
                .Append(new("cursor", cursor)));
}
