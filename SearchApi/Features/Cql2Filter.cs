using System.Text;
using System.Text.Json;
using DiscoveryPortal.Indexer.Facets;

namespace DiscoveryPortal.SearchApi.Features;

/// <summary>
/// The part of CQL2 (text and JSON) the search can answer: equality and <c>IN</c> on the facet fields, OR-ed
/// within one field and AND-ed across fields, in parentheses as wanted. That is exactly what the facet
/// filters of <c>/api/search</c> mean, so a filter becomes facet selections and nothing else; anything
/// else (another operator, OR across fields, a field twice under AND) is refused naming what it met.
/// </summary>
public static class Cql2Filter
{
    public const string Text = "cql2-text";
    public const string Json = "cql2-json";

    /// <summary>The properties a filter may name: each facet dimension, and <c>collection</c> for the source.</summary>
    public static IReadOnlyDictionary<string, string> Properties { get; } = FacetDimensions.Filterable
        .ToDictionary(d => d, d => d, StringComparer.OrdinalIgnoreCase)
        .Append(new KeyValuePair<string, string>("collection", FacetDimensions.Source))
        .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    private abstract record Node;

    private sealed record Comparison(string Dimension, IReadOnlyList<string> Values) : Node;

    private sealed record Logical(bool And, IReadOnlyList<Node> Args) : Node;

    /// <summary>The facet selections a filter means, or null with <paramref name="problem"/> saying why it cannot be answered.</summary>
    public static Dictionary<string, List<string>>? Selections(string? text, JsonElement? json, out string? problem)
    {
        try
        {
            var node = json is { } j ? FromJson(j) : new TextParser(text ?? "").Parse();
            problem = null;
            return Conjunction(node);
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static Dictionary<string, List<string>> Conjunction(Node node)
    {
        var selections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var part in node is Logical { And: true } and ? and.Args.SelectMany(Flatten(true)) : [node])
        {
            var (dimension, values) = Disjunction(part);
            if (!selections.TryAdd(dimension, values))
            {
                throw new FormatException($"'{dimension}' is named twice under AND; OR its values instead (a field is matched by any of its values).");
            }
        }
        return selections;
    }

    private static Func<Node, IEnumerable<Node>> Flatten(bool and) => n => n is Logical l && l.And == and ? l.Args.SelectMany(Flatten(and)) : [n];

    private static (string Dimension, List<string> Values) Disjunction(Node node)
    {
        var comparisons = Flatten(false)(node).ToList();
        if (comparisons.Any(c => c is not Comparison))
        {
            throw new FormatException("AND inside OR cannot be answered: OR values of one field, AND the fields.");
        }
        var fields = comparisons.Cast<Comparison>().ToList();
        if (fields.Select(c => c.Dimension).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new FormatException($"OR across fields ({string.Join(", ", fields.Select(c => c.Dimension).Distinct(StringComparer.Ordinal))}) cannot be answered: OR values of one field, AND the fields.");
        }
        return (fields[0].Dimension, fields.SelectMany(c => c.Values).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    private static string Dimension(string property)
    {
        var name = property.StartsWith("properties.", StringComparison.OrdinalIgnoreCase) ? property["properties.".Length..] : property;
        return Properties.TryGetValue(name, out var dimension)
            ? dimension
            : throw new FormatException($"'{Short(property)}' is not a field a filter can name; these are: {string.Join(", ", Properties.Keys.Order(StringComparer.Ordinal))}.");
    }

    private static Node FromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.String
            || !e.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("a cql2-json expression is an object with \"op\" and \"args\".");
        }
        var list = args.EnumerateArray().ToList();
        switch (op.GetString()!.ToLowerInvariant())
        {
            case "and" or "or" when list.Count >= 2:
                return new Logical(op.GetString()!.Equals("and", StringComparison.OrdinalIgnoreCase), list.Select(FromJson).ToList());
            case "=" when list.Count == 2:
                return new Comparison(Property(list[0]), [Literal(list[1])]);
            case "in" when list.Count == 2 && list[1].ValueKind == JsonValueKind.Array && list[1].GetArrayLength() > 0:
                return new Comparison(Property(list[0]), list[1].EnumerateArray().Select(Literal).ToList());
            default:
                throw new FormatException($"operator '{Short(op.GetString()!)}' with {list.Count} arguments cannot be answered; use =, in, and, or on the facet fields.");
        }
    }

    private static string Property(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("property", out var p) && p.ValueKind == JsonValueKind.String
            ? Dimension(p.GetString()!)
            : throw new FormatException("the first argument of = and in is {\"property\": name}.");

    private static string Literal(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString()!
        : throw new FormatException($"'{Short(e.GetRawText())}' is not a string; the facet fields hold words.");

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>cql2-text: <c>a = 'x'</c>, <c>a IN ('x', 'y')</c>, AND, OR and parentheses.</summary>
    private sealed class TextParser(string text)
    {
        /// <summary>Deepest parentheses read: a facet filter needs two, and the parser must not run out of stack.</summary>
        private const int MaxDepth = 16;

        private int _at;
        private int _depth;

        public Node Parse()
        {
            var node = Or();
            Space();
            return _at == text.Length ? node : throw Unexpected();
        }

        private Node Or()
        {
            var args = new List<Node> { And() };
            while (Keyword("OR"))
            {
                args.Add(And());
            }
            return args.Count == 1 ? args[0] : new Logical(false, args);
        }

        private Node And()
        {
            var args = new List<Node> { Primary() };
            while (Keyword("AND"))
            {
                args.Add(Primary());
            }
            return args.Count == 1 ? args[0] : new Logical(true, args);
        }

        private Node Primary()
        {
            if (Symbol('('))
            {
                if (++_depth > MaxDepth)
                {
                    throw new FormatException($"the filter nests parentheses deeper than {MaxDepth}.");
                }
                var inner = Or();
                _depth--;
                return Symbol(')') ? inner : throw Unexpected("')'");
            }
            var property = Dimension(Identifier());
            if (Symbol('='))
            {
                return new Comparison(property, [Literal()]);
            }
            if (Keyword("IN"))
            {
                if (!Symbol('('))
                {
                    throw Unexpected("'(' after IN");
                }
                var values = new List<string> { Literal() };
                while (Symbol(','))
                {
                    values.Add(Literal());
                }
                return Symbol(')') ? new Comparison(property, values) : throw Unexpected("')'");
            }
            throw Unexpected("= or IN (other comparisons cannot be answered on the facet fields)");
        }

        private string Identifier()
        {
            Space();
            var quoted = _at < text.Length && text[_at] == '"';
            var start = quoted ? ++_at : _at;
            while (_at < text.Length && (quoted ? text[_at] != '"' : char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '.' or ':'))
            {
                _at++;
            }
            if (_at == start || (quoted && _at == text.Length))
            {
                throw Unexpected("a field name");
            }
            var name = text[start.._at];
            if (quoted)
            {
                _at++;
            }
            return name;
        }

        private string Literal()
        {
            Space();
            if (_at >= text.Length || text[_at] != '\'')
            {
                throw Unexpected("a 'quoted' value");
            }
            var value = new StringBuilder();
            for (_at++; _at < text.Length; _at++)
            {
                if (text[_at] == '\'')
                {
                    if (_at + 1 < text.Length && text[_at + 1] == '\'')
                    {
                        value.Append('\'');
                        _at++;
                        continue;
                    }
                    _at++;
                    return value.ToString();
                }
                value.Append(text[_at]);
            }
            throw new FormatException("a quoted value is not closed.");
        }

        private bool Keyword(string word)
        {
            Space();
            if (_at + word.Length <= text.Length && string.Compare(text, _at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (_at + word.Length == text.Length || !char.IsLetterOrDigit(text[_at + word.Length])))
            {
                _at += word.Length;
                return true;
            }
            return false;
        }

        private bool Symbol(char c)
        {
            Space();
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        private void Space()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        private FormatException Unexpected(string? wanted = null) => new(_at >= text.Length
            ? $"the filter ends where {wanted ?? "more"} was expected."
            : $"'{Short(text[_at..])}' at character {_at + 1}{(wanted is null ? "" : $": expected {wanted}")}.");
    }
}
