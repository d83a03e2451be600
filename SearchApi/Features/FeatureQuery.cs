using System.Globalization;
using System.Text.Json;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Search;

namespace DiscoveryPortal.SearchApi.Features;

/// <summary>
/// The parameters of an OGC API – Features item query and of a STAC item search (<c>bbox</c>, <c>intersects</c>,
/// <c>datetime</c>, <c>collections</c>, <c>ids</c>, <c>limit</c>, <c>q</c>, <c>sortby</c>, <c>filter</c>,
/// <c>token</c>), from a query string or a JSON body. They are turned into the parameters of <c>/api/search</c>
/// (<see cref="SearchQuery"/>) and checked there, so the two answer the same selection with the same records;
/// each problem is named by the parameter the caller gave.
/// </summary>
public sealed class FeatureQuery
{
    public const int DefaultLimit = 10;
    public const int MaxIds = 100;

    public string? Bbox { get; set; }
    public JsonElement? Intersects { get; set; }
    public string? Datetime { get; set; }
    public IReadOnlyList<string> Collections { get; set; } = [];
    public IReadOnlyList<string>? Ids { get; set; }
    public string? Limit { get; set; }
    public string? Q { get; set; }
    public string? SortBy { get; set; }
    public string? Filter { get; set; }
    public JsonElement? FilterJson { get; set; }
    public string? FilterLang { get; set; }
    public string? Token { get; set; }

    /// <summary>Facet selections a route adds of its own (a collection's source, a record type).</summary>
    public Dictionary<string, IReadOnlyList<string>> Facets { get; } = new(StringComparer.Ordinal);

    private readonly Dictionary<string, List<string>> _problems = new(StringComparer.Ordinal);

    private void Problem(string parameter, string message)
    {
        if (!_problems.TryGetValue(parameter, out var list))
        {
            _problems[parameter] = list = [];
        }
        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }

    private static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static FeatureQuery FromQuery(IQueryCollection query)
    {
        string? One(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        var read = new FeatureQuery
        {
            Bbox = One("bbox"),
            Datetime = One("datetime"),
            Collections = Split(One("collections")),
            Ids = query.ContainsKey("ids") ? Split(One("ids")) : null,
            Limit = One("limit"),
            Q = One("q"),
            SortBy = One("sortby"),
            Filter = One("filter"),
            FilterLang = One("filter-lang"),
            Token = One("token"),
        };
        if (One("intersects") is { Length: > 0 } geometry)
        {
            try
            {
                read.Intersects = JsonDocument.Parse(geometry).RootElement.Clone();
            }
            catch (JsonException)
            {
                read.Problem("intersects", "is not a GeoJSON geometry in JSON.");
            }
        }
        return read;
    }

    /// <summary>A STAC <c>POST /search</c> body: the same names, lists as arrays, <c>sortby</c> as {field, direction} objects, a cql2-json filter as an object.</summary>
    public static FeatureQuery FromBody(JsonElement body)
    {
        var read = new FeatureQuery();
        if (body.ValueKind != JsonValueKind.Object)
        {
            read.Problem("body", "must be a JSON object of search parameters.");
            return read;
        }
        foreach (var p in body.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "bbox" when v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(n => n.ValueKind == JsonValueKind.Number):
                    read.Bbox = string.Join(',', v.EnumerateArray().Select(n => n.GetDouble().ToString("R", CultureInfo.InvariantCulture)));
                    break;
                case "intersects" when v.ValueKind == JsonValueKind.Object:
                    read.Intersects = v.Clone();
                    break;
                case "datetime" when v.ValueKind == JsonValueKind.String:
                    read.Datetime = v.GetString();
                    break;
                case "collections" or "ids" when v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String):
                    var list = v.EnumerateArray().Select(s => s.GetString()!).ToList();
                    if (p.Name == "ids")
                    {
                        read.Ids = list;
                    }
                    else
                    {
                        read.Collections = list;
                    }
                    break;
                case "limit" when v.ValueKind == JsonValueKind.Number:
                    read.Limit = v.GetRawText();
                    break;
                case "q" when v.ValueKind == JsonValueKind.String:
                    read.Q = v.GetString();
                    break;
                case "q" when v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String):
                    read.Q = string.Join(" OR ", v.EnumerateArray().Select(s => s.GetString()));
                    break;
                case "sortby" when v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(s => s.ValueKind == JsonValueKind.Object):
                    read.SortBy = string.Join(',', v.EnumerateArray().Select(s =>
                        (s.TryGetProperty("direction", out var d) && d.ValueKind == JsonValueKind.String && d.GetString()!.StartsWith("desc", StringComparison.OrdinalIgnoreCase) ? "-" : "+")
                        + (s.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : "")));
                    break;
                case "filter" when v.ValueKind == JsonValueKind.Object:
                    read.FilterJson = v.Clone();
                    break;
                case "filter" when v.ValueKind == JsonValueKind.String:
                    read.Filter = v.GetString();
                    break;
                case "filter-lang" when v.ValueKind == JsonValueKind.String:
                    read.FilterLang = v.GetString();
                    break;
                case "token" when v.ValueKind == JsonValueKind.String:
                    read.Token = v.GetString();
                    break;
                case "bbox" or "intersects" or "datetime" or "collections" or "ids" or "limit" or "q" or "sortby" or "filter" or "filter-lang" or "token":
                    read.Problem(p.Name, $"has the wrong JSON type ({v.ValueKind.ToString().ToLowerInvariant()}).");
                    break;
                default:
                    // Other members (fields, conf, extensions this API does not speak) are ignored, as STAC allows.
                    break;
            }
        }
        return read;
    }

    /// <summary>The search these parameters ask, or null with the problems keyed by parameter.</summary>
    public SearchRequest? ToRequest(out Dictionary<string, string[]> errors)
    {
        var search = new SearchQuery { Q = Q, Bbox = Bbox, Sort = null };
        ReadBbox(search);
        ReadIntersects(search);
        ReadDatetime(search);
        ReadSort(search);
        var facets = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (dimension, values) in Facets)
        {
            facets[dimension] = [.. values];
        }
        if (Collections.Count > 0)
        {
            Add(facets, FacetDimensions.Source, Collections, "collections");
        }
        ReadFilter(facets);
        search.Domain = Values(facets, FacetDimensions.Domain);
        search.Mission = Values(facets, FacetDimensions.Mission);
        search.Instrument = Values(facets, FacetDimensions.Instrument);
        search.AssetType = Values(facets, FacetDimensions.AssetType);
        search.ProductType = Values(facets, FacetDimensions.ProductType);
        search.Waveband = Values(facets, FacetDimensions.Waveband);
        search.Source = Values(facets, FacetDimensions.Source);
        search.FileFormat = Values(facets, FacetDimensions.FileFormat);

        var limit = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(Limit))
        {
            // Above the most a page holds, the most is answered (OGC API – Features), not an error.
            if (!int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                Problem("limit", "must be a whole number from 1 up.");
            }
            limit = Math.Clamp(limit, 1, SearchQuery.MaxSize);
        }
        search.Size = limit.ToString(CultureInfo.InvariantCulture);
        if (Ids is { Count: > MaxIds })
        {
            Problem("ids", $"has {Ids.Count} ids; at most {MaxIds} are allowed.");
        }

        var request = search.ToRequest(out var searchErrors);
        foreach (var (parameter, messages) in searchErrors)
        {
            foreach (var message in messages)
            {
                Problem(Rename(parameter), message);
            }
        }
        if (request is not null)
        {
            request = request with { Ids = Ids?.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList() };
            if (!string.IsNullOrWhiteSpace(Token))
            {
                if (!SearchCursor.TryDecode(Token, out var cursor) || cursor is null)
                {
                    Problem("token", "is not a token this API issued; use the href of a previous page's next link.");
                }
                else if (cursor.Fingerprint != request.Fingerprint())
                {
                    Problem("token", "belongs to a different search; start again without a token.");
                }
                else
                {
                    request = request with { After = cursor };
                }
            }
        }
        errors = _problems.ToDictionary(p => p.Key, p => p.Value.ToArray());
        return errors.Count == 0 ? request : null;
    }

    // What /api/search calls a parameter, named as the caller of this API named it.
    private static string Rename(string parameter) => parameter switch
    {
        "start" or "end" => "datetime",
        "size" => "limit",
        "sort" => "sortby",
        FacetDimensions.Source => "collections",
        "q" or "bbox" => parameter,
        _ => "filter",
    };

    private void Add(Dictionary<string, List<string>> facets, string dimension, IEnumerable<string> values, string parameter)
    {
        if (facets.ContainsKey(dimension))
        {
            Problem(parameter, $"'{dimension}' is already chosen here (by the path or another parameter); name it once.");
            return;
        }
        facets[dimension] = [.. values];
    }

    private static string[]? Values(Dictionary<string, List<string>> facets, string dimension) => facets.TryGetValue(dimension, out var v) ? [.. v] : null;

    private void ReadBbox(SearchQuery search)
    {
        if (string.IsNullOrWhiteSpace(Bbox))
        {
            return;
        }
        var parts = Bbox.Split(',');
        if (parts.Length == 6)
        {
            // west, south, lowest, east, north, highest: the heights are not searched.
            search.Bbox = string.Join(',', parts[0], parts[1], parts[3], parts[4]);
        }
        else if (parts.Length != 4)
        {
            Problem("bbox", "must be four numbers (west,south,east,north) or six (with the lowest and highest heights), in degrees.");
            search.Bbox = null;
        }
    }

    // A geometry is searched as its bounding box: records whose ground box meets it.
    private void ReadIntersects(SearchQuery search)
    {
        if (Intersects is not { } geometry)
        {
            return;
        }
        if (!string.IsNullOrWhiteSpace(Bbox))
        {
            Problem("intersects", "and bbox cannot both be given.");
            return;
        }
        var points = new List<(double Lon, double Lat)>();
        if (!Points(geometry, points, 0) || points.Count == 0)
        {
            Problem("intersects", "is not a GeoJSON geometry (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection with numeric coordinates).");
            return;
        }
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        search.Bbox = string.Join(',', F(points.Min(p => p.Lon)), F(points.Min(p => p.Lat)), F(points.Max(p => p.Lon)), F(points.Max(p => p.Lat)));
    }

    private static bool Points(JsonElement geometry, List<(double, double)> points, int depth)
    {
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || depth > 4)
        {
            return false;
        }
        if (type.GetString() == "GeometryCollection")
        {
            return geometry.TryGetProperty("geometries", out var parts) && parts.ValueKind == JsonValueKind.Array
                && parts.EnumerateArray().All(g => Points(g, points, depth + 1));
        }
        var nesting = type.GetString() switch
        {
            "Point" => 0,
            "MultiPoint" or "LineString" => 1,
            "MultiLineString" or "Polygon" => 2,
            "MultiPolygon" => 3,
            _ => -1,
        };
        return nesting >= 0 && geometry.TryGetProperty("coordinates", out var coordinates) && Positions(coordinates, nesting, points);
    }

    private static bool Positions(JsonElement e, int nesting, List<(double, double)> points)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        if (nesting > 0)
        {
            return e.EnumerateArray().All(x => Positions(x, nesting - 1, points));
        }
        var numbers = e.EnumerateArray().ToList();
        if (numbers.Count < 2 || numbers.Any(n => n.ValueKind != JsonValueKind.Number))
        {
            return false;
        }
        points.Add((numbers[0].GetDouble(), numbers[1].GetDouble()));
        return true;
    }

    // An instant, or an interval "start/end" where either end may be open ("..", or nothing).
    private void ReadDatetime(SearchQuery search)
    {
        if (string.IsNullOrWhiteSpace(Datetime))
        {
            return;
        }
        var ends = Datetime.Split('/');
        if (ends.Length > 2)
        {
            Problem("datetime", "is an instant or an interval start/end (either end may be '..').");
            return;
        }
        string? Open(string end) => end is "" or ".." ? null : end;
        search.Start = Open(ends[0]);
        search.End = Open(ends.Length == 2 ? ends[1] : ends[0]);
        if (ends.Length == 2 && search.Start is null && search.End is null)
        {
            Problem("datetime", "'../..' names no time; leave datetime out to search all times.");
        }
    }

    // The search sorts by relevance (the default), newest first, or title.
    private void ReadSort(SearchQuery search)
    {
        if (string.IsNullOrWhiteSpace(SortBy))
        {
            return;
        }
        var fields = Split(SortBy);
        var field = fields.Count == 1 ? fields[0] : "";
        var descending = field.StartsWith('-');
        var name = field.TrimStart('+', '-', ' ');
        name = name.StartsWith("properties.", StringComparison.Ordinal) ? name["properties.".Length..] : name;
        search.Sort = (name, descending) switch
        {
            ("datetime" or "updated" or "published", true) => nameof(SearchSort.Newest),
            ("title", false) => nameof(SearchSort.Title),
            ("relevance", _) => nameof(SearchSort.Relevance),
            _ => null,
        };
        if (search.Sort is null)
        {
            Problem("sortby", "can be one of -datetime (newest first), +title or relevance.");
        }
    }

    private void ReadFilter(Dictionary<string, List<string>> facets)
    {
        if (string.IsNullOrWhiteSpace(Filter) && FilterJson is null)
        {
            return;
        }
        var lang = FilterLang ?? (FilterJson is null ? Cql2Filter.Text : Cql2Filter.Json);
        if (lang is not (Cql2Filter.Text or Cql2Filter.Json))
        {
            Problem("filter-lang", $"must be {Cql2Filter.Text} or {Cql2Filter.Json}.");
            return;
        }
        JsonElement? json = FilterJson;
        if (lang == Cql2Filter.Json && json is null)
        {
            try
            {
                json = JsonDocument.Parse(Filter!).RootElement.Clone();
            }
            catch (JsonException)
            {
                Problem("filter", "is not JSON, which filter-lang=cql2-json needs.");
                return;
            }
        }
        if (lang == Cql2Filter.Text && json is not null)
        {
            Problem("filter", "is a JSON object: that is cql2-json.");
            return;
        }
        var selections = Cql2Filter.Selections(Filter, json, out var problem);
        if (selections is null)
        {
            Problem("filter", problem!);
            return;
        }
        foreach (var (dimension, values) in selections)
        {
            Add(facets, dimension, values, "filter");
        }
    }
}
