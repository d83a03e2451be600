using System.Globalization;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Search.Query;
using Microsoft.AspNetCore.Mvc;

namespace DiscoveryPortal.SearchApi;

/// <summary>
/// The search parameters exactly as they arrive. Every value is taken as text and checked here, so a
/// bad value gets a 400 naming its parameter instead of a binding failure.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxSize = 100;
    public const int DefaultSize = 20;
    public const int MaxValuesPerFacet = 50;
    public const int MaxPrefixes = 8;
    public const int MinPrefixLength = 2;

    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "domain")] public string[]? Domain { get; set; }
    [FromQuery(Name = "mission")] public string[]? Mission { get; set; }
    [FromQuery(Name = "instrument")] public string[]? Instrument { get; set; }
    [FromQuery(Name = "assetType")] public string[]? AssetType { get; set; }
    [FromQuery(Name = "productType")] public string[]? ProductType { get; set; }
    [FromQuery(Name = "waveband")] public string[]? Waveband { get; set; }
    [FromQuery(Name = "source")] public string[]? Source { get; set; }
    [FromQuery(Name = "fileFormat")] public string[]? FileFormat { get; set; }
    [FromQuery(Name = "ra")] public string? Ra { get; set; }
    [FromQuery(Name = "dec")] public string? Dec { get; set; }
    [FromQuery(Name = "radius")] public string? Radius { get; set; }
    [FromQuery(Name = "bbox")] public string? Bbox { get; set; }
    [FromQuery(Name = "start")] public string? Start { get; set; }
    [FromQuery(Name = "end")] public string? End { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "size")] public string? Size { get; set; }
    [FromQuery(Name = "cursor")] public string? Cursor { get; set; }

    /// <summary>Reads the same parameters from a query string, for pages that search in-process.</summary>
    public static SearchQuery From(IQueryCollection query)
    {
        string? One(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        string[]? Many(string name) => query.TryGetValue(name, out var v) ? v.Where(x => x is not null).Select(x => x!).ToArray() : null;
        return new SearchQuery
        {
            Q = One("q"),
            Domain = Many("domain"),
            Mission = Many("mission"),
            Instrument = Many("instrument"),
            AssetType = Many("assetType"),
            ProductType = Many("productType"),
            Waveband = Many("waveband"),
            Source = Many("source"),
            FileFormat = Many("fileFormat"),
            Ra = One("ra"),
            Dec = One("dec"),
            Radius = One("radius"),
            Bbox = One("bbox"),
            Start = One("start"),
            End = One("end"),
            Sort = One("sort"),
            Size = One("size"),
            Cursor = One("cursor"),
        };
    }

    public IReadOnlyDictionary<string, string[]?> FacetFilters() => new Dictionary<string, string[]?>
    {
        [FacetDimensions.Domain] = Domain,
        [FacetDimensions.Mission] = Mission,
        [FacetDimensions.Instrument] = Instrument,
        [FacetDimensions.AssetType] = AssetType,
        [FacetDimensions.ProductType] = ProductType,
        [FacetDimensions.Waveband] = Waveband,
        [FacetDimensions.Source] = Source,
        [FacetDimensions.FileFormat] = FileFormat,
    };

    /// <summary>The validated request, or the problems keyed by parameter name.</summary>
    public SearchRequest? ToRequest(out Dictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, List<string>>();
        void Problem(string parameter, string message)
        {
            if (!problems.TryGetValue(parameter, out var list))
            {
                problems[parameter] = list = [];
            }
            list.Add(message);
        }

        if (Q is { Length: > QueryParser.MaxLength })
        {
            Problem("q", $"is {Q.Length} characters long; at most {QueryParser.MaxLength} are allowed.");
        }

        var filters = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (dimension, values) in FacetFilters())
        {
            var kept = (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (kept.Count > MaxValuesPerFacet)
            {
                Problem(dimension, $"has {kept.Count} values; at most {MaxValuesPerFacet} are allowed.");
            }
            else if (kept.Any(v => v.Length > 200))
            {
                Problem(dimension, "has a value longer than 200 characters.");
            }
            else if (kept.Count > 0)
            {
                filters[dimension] = kept;
            }
        }

        Cone? cone = null;
        var ra = Number("ra", Ra, -360, 360, Problem);
        var dec = Number("dec", Dec, -90, 90, Problem);
        var radius = Number("radius", Radius, 0, 180, Problem);
        if (radius is 0)
        {
            Problem("radius", "must be greater than 0 degrees.");
        }
        var given = new[] { Ra, Dec, Radius }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (given is > 0 and < 3)
        {
            Problem(string.IsNullOrWhiteSpace(Ra) ? "ra" : string.IsNullOrWhiteSpace(Dec) ? "dec" : "radius",
                "ra, dec and radius must be given together (degrees).");
        }
        else if (ra is not null && dec is not null && radius is > 0)
        {
            cone = new Cone(((ra.Value % 360) + 360) % 360, dec.Value, radius.Value);
        }

        BoundingBox? box = null;
        if (!string.IsNullOrWhiteSpace(Bbox))
        {
            var parts = Bbox.Split(',');
            var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : (double?)null).ToList();
            if (numbers.Count != 4 || numbers.Any(n => n is null))
            {
                Problem("bbox", "must be four numbers: west,south,east,north in degrees.");
            }
            else
            {
                var candidate = new BoundingBox(numbers[0]!.Value, numbers[1]!.Value, numbers[2]!.Value, numbers[3]!.Value);
                if (candidate.IsValid)
                {
                    box = candidate;
                }
                else
                {
                    Problem("bbox", "is outside the globe or has south above north (longitudes -180..180, latitudes -90..90).");
                }
            }
        }

        var start = Date("start", Start, Problem);
        var end = Date("end", End, Problem, endOfDay: true);
        if (start is not null && end is not null && end < start)
        {
            Problem("end", "is before start.");
        }

        var sort = SearchSort.Relevance;
        if (!string.IsNullOrWhiteSpace(Sort) && (!Sort.All(char.IsLetter) || !Enum.TryParse(Sort, ignoreCase: true, out sort)))
        {
            Problem("sort", "must be relevance, newest or title.");
        }

        var size = DefaultSize;
        if (!string.IsNullOrWhiteSpace(Size) && (!int.TryParse(Size, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxSize))
        {
            Problem("size", $"must be a whole number from 1 to {MaxSize}.");
        }

        SearchCursor? cursor = null;
        if (!string.IsNullOrWhiteSpace(Cursor) && !SearchCursor.TryDecode(Cursor, out cursor))
        {
            Problem("cursor", "is not a cursor this API issued; use the 'next' value of a previous page.");
        }

        // Each prefix widens into many words: their number and shortness are what a query may not ask too much of.
        var parsed = QueryParser.Parse(Q);
        var prefixes = parsed.Prefixes().ToList();
        if (prefixes.Count > MaxPrefixes)
        {
            Problem("q", $"has {prefixes.Count} words ending in '*'; at most {MaxPrefixes} are allowed.");
        }
        else if (prefixes.FirstOrDefault(p => p.Text.Count(char.IsLetterOrDigit) < MinPrefixLength) is { } shortPrefix)
        {
            Problem("q", $"'{Shorten(shortPrefix.Text)}*' is too short a beginning: give at least {MinPrefixLength} letters before '*'.");
        }

        var request = new SearchRequest
        {
            Query = parsed,
            Filters = filters,
            Cone = cone,
            Box = box,
            Start = start,
            End = end,
            Sort = sort,
            Size = size,
            After = cursor,
        };
        if (cursor is not null && problems.Count == 0 && cursor.Fingerprint != request.Fingerprint())
        {
            Problem("cursor", "belongs to a different search; start again without a cursor.");
        }
        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray());
        return errors.Count == 0 ? request : null;
    }

    private static double? Number(string name, string? text, double min, double max, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            problem(name, $"'{Shorten(text)}' is not a number.");
            return null;
        }
        if (value < min || value > max)
        {
            problem(name, $"must be between {min} and {max} degrees.");
            return null;
        }
        return value;
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];

    private static DateTimeOffset? Date(string name, string? text, Action<string, string> problem, bool endOfDay = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, styles, out var day))
        {
            // A bare date, month or year as an end means the end of that period.
            if (!endOfDay)
            {
                return day;
            }
            // The period after the last one a date can name (9999, 9999-12, 9999-12-31) does not exist: it ends at the end of time.
            var (years, months, days) = text.Length switch
            {
                4 => (1, 0, 0),
                7 => (0, 1, 0),
                _ => (0, 0, 1),
            };
            return DateTimeOffset.MaxValue.AddYears(-years).AddMonths(-months).AddDays(-days) < day
                ? DateTimeOffset.MaxValue
                : day.AddYears(years).AddMonths(months).AddDays(days).AddTicks(-1);
        }
        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var instant))
        {
            return instant;
        }
        problem(name, $"'{Shorten(text)}' is not an ISO 8601 date or date-time (e.g. 2021-06-01 or 2021-06-01T12:00:00Z).");
        return null;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
