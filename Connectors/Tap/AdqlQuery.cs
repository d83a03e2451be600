using System.Text;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>A comparison an ADQL query can filter on.</summary>
public enum AdqlComparison
{
    Equal,
    Greater,
}

/// <summary>
/// A SELECT over one table, assembled from checked parts: the only text that reaches the query is
/// what <see cref="Adql"/> wrote.
/// </summary>
public sealed class AdqlQuery
{
    private readonly List<string> _columns = [];
    private readonly List<string> _conditions = [];
    private readonly List<string> _groupBy = [];
    private string? _orderBy;
    private int? _top;
    private bool _distinct;

    private AdqlQuery(string table) => Table = Adql.Identifier(table);

    public string Table { get; }

    public static AdqlQuery From(string table) => new(table);

    public AdqlQuery Select(params string[] columns)
    {
        _columns.AddRange(columns.Select(Adql.Identifier));
        return this;
    }

    /// <summary>An aggregate (COUNT, MIN, MAX) of a column, under an alias.</summary>
    public AdqlQuery SelectAggregate(string function, string? column, string alias)
    {
        var f = function.ToUpperInvariant();
        if (f is not ("COUNT" or "MIN" or "MAX" or "SUM"))
        {
            throw new ArgumentException($"'{function}' is not an aggregate this builder writes", nameof(function));
        }
        _columns.Add($"{f}({(column is null ? "*" : Adql.Identifier(column))}) AS {Adql.Identifier(alias)}");
        return this;
    }

    public AdqlQuery Distinct()
    {
        _distinct = true;
        return this;
    }

    public AdqlQuery Where(string column, AdqlComparison comparison, string value) => Add(column, comparison, Adql.Literal(value));

    public AdqlQuery Where(string column, AdqlComparison comparison, DateTimeOffset value) => Add(column, comparison, Adql.Literal(value));

    /// <summary><c>column IN ('a', 'b', ...)</c>; an empty set matches nothing.</summary>
    public AdqlQuery WhereIn(string column, IEnumerable<string> values)
    {
        var literals = values.Select(Adql.Literal).ToList();
        _conditions.Add(literals.Count == 0 ? "1=0" : $"{Adql.Identifier(column)} IN ({string.Join(", ", literals)})");
        return this;
    }

    public AdqlQuery OrderBy(string column, bool descending = false)
    {
        _orderBy = Adql.Identifier(column) + (descending ? " DESC" : " ASC");
        return this;
    }

    public AdqlQuery GroupBy(params string[] columns)
    {
        _groupBy.AddRange(columns.Select(Adql.Identifier));
        return this;
    }

    public AdqlQuery Top(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        _top = rows;
        return this;
    }

    public string ToAdql()
    {
        var sql = new StringBuilder("SELECT ");
        if (_distinct)
        {
            sql.Append("DISTINCT ");
        }
        if (_top is { } top)
        {
            sql.Append("TOP ").Append(Adql.Literal(top)).Append(' ');
        }
        if (_columns.Count == 0)
        {
            sql.Append('*');
        }
        else
        {
            Adql.AppendList(sql, _columns);
        }
        sql.Append(" FROM ").Append(Table);
        if (_conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", _conditions);
        }
        if (_groupBy.Count > 0)
        {
            sql.Append(" GROUP BY ");
            Adql.AppendList(sql, _groupBy);
        }
        if (_orderBy is not null)
        {
            sql.Append(" ORDER BY ").Append(_orderBy);
        }
        return sql.ToString();
    }

    public override string ToString() => ToAdql();

    private AdqlQuery Add(string column, AdqlComparison comparison, string literal)
    {
        var name = Adql.Identifier(column);
        _conditions.Add(comparison switch
        {
            AdqlComparison.Equal => $"{name} = {literal}",
            AdqlComparison.Greater => $"{name} > {literal}",
            _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
        });
        return this;
    }
}
