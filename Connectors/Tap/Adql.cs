using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>
/// Writes ADQL tokens from typed values. Identifiers are checked or delimited, literals quoted, so no
/// string a source or a user gives can change a query's structure.
/// </summary>
public static partial class Adql
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex RegularIdentifier();

    /// <summary>A column or table name; dotted names are checked part by part, odd parts delimited with double quotes.</summary>
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var parts = name.Split('.');
        var written = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (part.Length == 0 || part.Any(char.IsControl))
            {
                throw new ArgumentException($"'{name}' is not a valid ADQL name", nameof(name));
            }
            written.Add(RegularIdentifier().IsMatch(part) && !Reserved.Contains(part) ? part : "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        }
        return string.Join('.', written);
    }

    /// <summary>A character literal: single quotes doubled, control characters refused.</summary>
    public static string Literal(string value)
    {
        if (value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            throw new ArgumentException("a string literal must not hold control characters", nameof(value));
        }
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Literal(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "ADQL has no literal for NaN or infinity");
        }
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A timestamp as ADQL 2.1 compares them: an ISO 8601 string literal in UTC.</summary>
    public static string Literal(DateTimeOffset value) =>
        Literal(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture));

    /// <summary>Reserved words a column may still be called (TAP services delimit them too).</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ABS", "ALL", "AND", "AS", "ASC", "BETWEEN", "BY", "CASE", "COUNT", "DESC", "DISTINCT", "END", "EXISTS", "FROM",
        "GROUP", "HAVING", "IN", "INTERSECTS", "IS", "JOIN", "LIKE", "MAX", "MIN", "NATURAL", "NOT", "NULL", "OFFSET",
        "ON", "OR", "ORDER", "POINT", "REGION", "SELECT", "SUM", "TABLE", "TOP", "UNION", "USING", "WHERE", "CIRCLE",
        "CONTAINS", "POLYGON", "BOX", "VALUE", "VALUES", "SIZE", "USER", "DATE", "TIME", "TIMESTAMP", "SCHEMA", "FIRST",
    };

    internal static void AppendList(StringBuilder sql, IEnumerable<string> items) => sql.AppendJoin(", ", items);
}
