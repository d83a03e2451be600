using System.Globalization;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Files;

/// <summary>Parses the text cells of import files into model values, naming the field on failure.</summary>
public static class FieldParser
{
    public static TEnum? Enum<TEnum>(string? value, string field, List<RecordProblem> problems) where TEnum : struct, Enum
    {
        if (value is null)
        {
            return null;
        }
        if (System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed))
        {
            return parsed;
        }
        problems.Add(new(field, $"'{value}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}"));
        return null;
    }

    public static DateTimeOffset? Date(string? value, string field, List<RecordProblem> problems)
    {
        if (value is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return date;
        }
        problems.Add(new(field, $"'{value}' is not an ISO 8601 date"));
        return null;
    }

    public static TimeRange? Time(string? start, string? end, List<RecordProblem> problems)
    {
        var s = Date(start, "start", problems);
        var e = Date(end, "end", problems);
        return s is null && e is null ? null : new TimeRange(s, e);
    }

    public static double? Number(string? value, string field, List<RecordProblem> problems)
    {
        if (value is null)
        {
            return null;
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return d;
        }
        problems.Add(new(field, $"'{value}' is not a number"));
        return null;
    }

    public static SkyFootprint? Sky(string? ra, string? dec, string? radius, List<RecordProblem> problems)
    {
        var r = Number(ra, "ra", problems);
        var d = Number(dec, "dec", problems);
        var rad = Number(radius, "radius", problems);
        if (r is null && d is null)
        {
            return null;
        }
        if (r is null || d is null)
        {
            problems.Add(new("ra", "ra and dec must be given together"));
            return null;
        }
        return new SkyFootprint(r.Value, d.Value, rad ?? 0);
    }

    public static GroundFootprint? Ground(string? bbox, List<RecordProblem> problems)
    {
        if (bbox is null)
        {
            return null;
        }
        var parts = bbox.Split(',', StringSplitOptions.TrimEntries);
        var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        if (numbers.Length != 4 || numbers.Any(double.IsNaN))
        {
            problems.Add(new("bbox", $"'{bbox}' is not four numbers west,south,east,north"));
            return null;
        }
        return new GroundFootprint(new BoundingBox(numbers[0], numbers[1], numbers[2], numbers[3]));
    }

    public static Person Person(string value)
    {
        var parts = value.Split('|', StringSplitOptions.TrimEntries);
        return new Person(parts[0], parts.ElementAtOrDefault(1) is { Length: > 0 } orcid ? orcid : null,
            parts.ElementAtOrDefault(2) is { Length: > 0 } aff ? aff : null);
    }
}
