using System.Globalization;
using CsvHelper;
using DiscoveryPortal.Connectors.Files;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Indexer.Export;

/// <summary>
/// Writes rows under a column list as CSV or as a VOTable, the two ways every table of the portal is
/// exported: values are turned into cells the same way for both (times in ISO 8601 UTC, lists of words
/// joined, polygons as numbers), so the two formats agree cell for cell.
/// </summary>
public static class TableExport
{
    public const string ListSeparator = "; ";

    /// <summary>
    /// CSV in the invariant culture: a header of the column names, numbers as written (a negative one stays a
    /// number), and only the text cells a spreadsheet would run neutralised (<see cref="CellGuard.Neutralise"/>).
    /// </summary>
    public static void WriteCsv<T>(TextWriter output, IReadOnlyList<TableColumn<T>> columns, IEnumerable<T> rows)
    {
        using var csv = new CsvWriter(output, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.None }, leaveOpen: true);
        foreach (var column in columns)
        {
            csv.WriteField(column.Name);
        }
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                csv.WriteField(Cell(column.Value(row)) switch
                {
                    null => "",
                    string s => CellGuard.Neutralise(s),
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    long l => l.ToString(CultureInfo.InvariantCulture),
                    double[] numbers => string.Join(' ', numbers.Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
                    var other => CellGuard.Neutralise(Convert.ToString(other, CultureInfo.InvariantCulture)),
                });
            }
            csv.NextRecord();
        }
    }

    /// <summary>A VOTable of one table, with INFO elements (totals, next pages, query status) before it.</summary>
    public static void WriteVoTable<T>(Stream output, string tableName, string? description, IReadOnlyList<TableColumn<T>> columns, IEnumerable<T> rows,
        IReadOnlyList<VoInfo>? infos = null) =>
        VoTableWriter.Write(output, tableName, description, columns.Select(c => c.Meta).ToList(),
            rows.Select(row => (IReadOnlyList<object?>)columns.Select(c => Cell(c.Value(row))).ToList()), infos);

    /// <summary>ISO 8601 in UTC, with fractions of a second only where there are some.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A value as both formats hold it: text, a number, or a list of numbers.</summary>
    private static object? Cell(object? value) => value switch
    {
        DateTimeOffset t => Iso(t),
        IEnumerable<string> words => words.Any() ? string.Join(ListSeparator, words) : null,
        int n => (long)n,
        _ => value,
    };
}
