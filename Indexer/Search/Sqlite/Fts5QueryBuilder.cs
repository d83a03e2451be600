using System.Text;
using DiscoveryPortal.Indexer.Search.Query;

namespace DiscoveryPortal.Indexer.Search.Sqlite;

/// <summary>
/// Translates a parsed query into FTS5 MATCH syntax. Every word is written as a quoted FTS5 string,
/// so nothing a user types can reach FTS5 as an operator.
/// </summary>
public static class Fts5QueryBuilder
{
    /// <summary>Column weights for bm25, in the table's column order: title above keywords, mission and instrument, above description.</summary>
    public const string Bm25Weights = "10.0, 4.0, 4.0, 4.0, 3.0, 1.0, 2.0";

    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["title"] = "t_title",
        ["mission"] = "t_mission",
        ["instrument"] = "t_instrument",
        ["author"] = "t_author",
        ["keyword"] = "t_keywords",
        ["doi"] = "t_doi",
    };

    /// <summary>The MATCH expression for the positive part, or null when the query only excludes.</summary>
    public static string? Positive(QueryNode root) => root switch
    {
        AndNode { Must.Count: 0 } => null,
        _ => Build(root),
    };

    /// <summary>For a query of exclusions only: the MATCH expression of what to exclude.</summary>
    public static string? ExcludedOnly(QueryNode root) =>
        root is AndNode { Must.Count: 0 } and { MustNot.Count: > 0 } a ? string.Join(" OR ", a.MustNot.Select(Build)) : null;

    private static string Build(QueryNode node) => node switch
    {
        TermNode t => Column(t.Field) + Quote(t.Text) + (t.Prefix ? " *" : ""),
        PhraseNode p => Column(p.Field) + Quote(p.Text),
        OrNode o => "(" + string.Join(" OR ", o.Any.Select(Build)) + ")",
        AndNode a => "(" + string.Join(" AND ", a.Must.Select(Build)) + string.Concat(a.MustNot.Select(n => " NOT " + Build(n))) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static string Column(string? field) => field is null ? "" : Columns[field] + " : ";

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c == '"' ? "\"\"" : c.ToString());
        }
        return builder.Append('"').ToString();
    }
}
