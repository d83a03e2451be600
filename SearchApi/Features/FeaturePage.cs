using System.Text.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace DiscoveryPortal.SearchApi.Features;

/// <summary>
/// A page of search results as a GeoJSON FeatureCollection (OGC API – Features, STAC, OGC API – Records): the
/// features, <c>numberMatched</c> (the search's total) and <c>numberReturned</c>, and the next link, which for a
/// GET is this query with the page's <c>token</c> and for a POST names the body to send again with it.
/// </summary>
public static class FeaturePage
{
    public const string Json = "application/json";
    public const string GeoJson = "application/geo+json";

    public static JsonObject Build(SearchResult result, Func<AssetRecord, JsonObject> feature, HttpRequest http, JsonElement? body, PortalUrls urls, IEnumerable<JsonObject> links)
    {
        var pageLinks = new JsonArray { Link("self", urls.For(http.Path + http.QueryString).ToString(), GeoJson) };
        foreach (var link in links)
        {
            pageLinks.Add(link);
        }
        if (result.Next is { } next)
        {
            var token = next.Encode();
            if (body is { } b)
            {
                var nextBody = JsonNode.Parse(b.GetRawText())!.AsObject();
                nextBody["token"] = token;
                var link = Link("next", urls.For(http.Path).ToString(), GeoJson);
                link["method"] = "POST";
                link["body"] = nextBody;
                link["merge"] = false;
                pageLinks.Add(link);
            }
            else
            {
                var path = QueryHelpers.AddQueryString(http.Path.Value ?? "/",
                    http.Query.Where(p => p.Key != "token").SelectMany(p => p.Value.Select(v => new KeyValuePair<string, StringValues>(p.Key, v))).Append(new("token", token)));
                pageLinks.Add(Link("next", urls.For(path).ToString(), GeoJson));
            }
        }
        return new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(result.Hits.Select(h => (JsonNode)feature(h.Record)).ToArray()),
            ["numberMatched"] = result.Total,
            ["numberReturned"] = result.Hits.Count,
            ["links"] = pageLinks,
        };
    }

    public static JsonObject Link(string rel, string href, string? type, string? title = null)
    {
        var link = new JsonObject { ["rel"] = rel, ["href"] = href };
        if (type is not null)
        {
            link["type"] = type;
        }
        if (title is not null)
        {
            link["title"] = title;
        }
        return link;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    public static ContentHttpResult Answer(JsonObject document, string mediaType) => TypedResults.Content(document.ToJsonString(), mediaType + "; charset=utf-8");

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "A search parameter has a bad value.");
}
