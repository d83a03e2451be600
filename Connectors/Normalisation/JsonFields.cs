using System.Globalization;
using System.Text.Json;

namespace DiscoveryPortal.Connectors.Normalisation;

/// <summary>
/// Reads the fields of a source's JSON document by path, forgiving what real sources do (a number
/// written as a string, a missing object on the way, null), so a mapper reads like the document.
/// </summary>
public static class JsonFields
{
    /// <summary>The element at a path of property names, or null when any step is missing or null.</summary>
    public static JsonElement? At(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next) || next.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            current = next;
        }
        return current;
    }

    public static string? Text(this JsonElement element, params string[] path) =>
        element.At(path) switch
        {
            { ValueKind: JsonValueKind.String } e => string.IsNullOrWhiteSpace(e.GetString()) ? null : e.GetString()!.Trim(),
            { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
            { ValueKind: JsonValueKind.True } => "true",
            { ValueKind: JsonValueKind.False } => "false",
            _ => null,
        };

    public static double? Number(this JsonElement element, params string[] path) =>
        element.At(path) switch
        {
            { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
            { ValueKind: JsonValueKind.String } e when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };

    public static long? Integer(this JsonElement element, params string[] path) =>
        element.Number(path) is { } d && d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (long)d : null;

    public static DateTimeOffset? Time(this JsonElement element, params string[] path) => ParseTime(element.Text(path));

    /// <summary>An array's elements (an absent or non-array field is empty).</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>The strings of an array, or of a single string field.</summary>
    public static IReadOnlyList<string> Texts(this JsonElement element, params string[] path) =>
        element.At(path) switch
        {
            { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String)
                .Select(x => x.GetString()!.Trim()).Where(s => s.Length > 0).ToList(),
            { ValueKind: JsonValueKind.String } s when !string.IsNullOrWhiteSpace(s.GetString()) => [s.GetString()!.Trim()],
            _ => [],
        };

    /// <summary>An ISO 8601 / RFC 3339 time or date, as UTC; null for anything else.</summary>
    public static DateTimeOffset? ParseTime(string? text) =>
        !string.IsNullOrWhiteSpace(text) && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;
}
