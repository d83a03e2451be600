using System.Globalization;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Files;

/// <summary>
/// What no import cell may hold, whatever its column: more than <see cref="MaxLength"/> characters, bytes
/// that were not UTF-8 (read as U+FFFD), or the start of a spreadsheet formula (<c>=HYPERLINK(...)</c>,
/// <c>@SUM</c>, <c>+cmd</c>, <c>-2+3</c>), which would run when an export is opened in a spreadsheet.
/// Numbers and lists of numbers may start with a sign.
/// </summary>
public static class CellGuard
{
    public const int MaxLength = 65_536;

    public static void Check(string column, string? value, List<RecordProblem> problems)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (value.Length > MaxLength)
        {
            problems.Add(new(column, $"is {value.Length:N0} characters long, more than the {MaxLength:N0} a field may hold"));
            return;
        }
        if (value.Contains('\uFFFD', StringComparison.Ordinal))
        {
            problems.Add(new(column, "holds bytes that are not valid UTF-8"));
            return;
        }
        if (WouldRun(value))
        {
            var first = value[0] is '\t' or '\r' ? value[0] : value.TrimStart()[0];
            problems.Add(new(column, $"starts like a spreadsheet formula ('{Short(value)}'); write it without the leading '{(first switch { '\t' => "\\t", '\r' => "\\r", _ => first.ToString() })}'"));
        }
    }

    /// <summary>
    /// Whether a spreadsheet would run this cell: it starts (after spaces) with '=', '@', or with '+' or '-'
    /// that do not begin plain numbers, or it starts with a tab or carriage return.
    /// </summary>
    public static bool WouldRun(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        if (value[0] is '\t' or '\r')
        {
            return true;
        }
        var trimmed = value.TrimStart();
        return trimmed.Length > 0 && (trimmed[0] is '=' or '@' || (trimmed[0] is '+' or '-' && !IsNumbers(trimmed)));
    }

    /// <summary>The cell as an export writes it: one a spreadsheet would run gets a leading apostrophe, so it is shown as text.</summary>
    public static string? Neutralise(string? value) => WouldRun(value) ? "'" + value : value;

    private static bool IsNumbers(string value) =>
        value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
