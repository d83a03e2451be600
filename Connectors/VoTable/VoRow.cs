using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DiscoveryPortal.Connectors.VoTable;

/// <summary>One row of a table, read by column name; absent columns read as null.</summary>
public readonly struct VoRow(VoTableMeta meta, object?[] cells, IReadOnlyDictionary<string, int> index)
{
    public VoTableMeta Meta => meta;

    public object? this[string name] => index.TryGetValue(name, out var i) ? cells[i] : null;

    public string? Text(string name) => this[name] switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture),
    };

    public double? Number(string name) => this[name] switch
    {
        null => null,
        double d => double.IsFinite(d) ? d : null,
        float f => float.IsFinite(f) ? f : null,
        byte or short or int or long => Convert.ToDouble(this[name], CultureInfo.InvariantCulture),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
        _ => null,
    };

    public long? Integer(string name) => this[name] switch
    {
        byte b => b,
        short s => s,
        int i => i,
        long l => l,
        double d when double.IsFinite(d) && Math.Abs(d) < 9e18 => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    /// <summary>
    /// A point in time: an ISO 8601 text (as VOTable writes <c>xtype="timestamp"</c>, UTC unless it says
    /// otherwise) or, in a number column, a Modified Julian Date.
    /// </summary>
    public DateTimeOffset? Timestamp(string name) => this[name] switch
    {
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) => t,
        double mjd => FromMjd(mjd),
        _ => null,
    };

    private static readonly DateTimeOffset MjdZero = new(1858, 11, 17, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A Modified Julian Date as a time; null when missing or outside the years 1585 to 2406.</summary>
    public static DateTimeOffset? FromMjd(double? mjd) =>
        mjd is { } d && d is > -100_000 and < 200_000 ? MjdZero.AddDays(d) : null;

    /// <summary>The row as text, "name=value; ...", for error samples and change detection.</summary>
    public string Describe(int maxLength = int.MaxValue)
    {
        var text = new StringBuilder();
        for (var i = 0; i < cells.Length && text.Length < maxLength; i++)
        {
            if (i > 0)
            {
                text.Append("; ");
            }
            text.Append(meta.Fields[i].Name).Append('=').Append(Show(cells[i]));
        }
        return text.Length <= maxLength ? text.ToString() : text.ToString(0, maxLength) + "…";
    }

    /// <summary>A hash of every cell, so an unchanged source row is recognised on the next harvest.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Describe())));

    private static string Show(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => "[" + string.Join(' ', e.Cast<object?>().Select(Show)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static IEnumerable<VoRow> Of(VoTableMeta meta, IEnumerable<object?[]> rows)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < meta.Fields.Count; i++)
        {
            index.TryAdd(meta.Fields[i].Name, i);
        }
        foreach (var row in rows)
        {
            yield return new VoRow(meta, row, index);
        }
    }
}
