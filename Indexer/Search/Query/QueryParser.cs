using System.Text;

namespace DiscoveryPortal.Indexer.Search.Query;

/// <summary>
/// Parses the query language: words, "phrases", OR, NOT and -word, prefix*, and fielded title:,
/// mission:, instrument:, author:, keyword:, doi:. Input that is not valid syntax is searched as plain
/// words, so no input is ever an error. Stop words are the analyzer's business, not the parser's.
/// </summary>
public static class QueryParser
{
    public const int MaxLength = 1000;
    private const int MaxClauses = 64;

    public static IReadOnlyList<string> Fields { get; } = ["title", "mission", "instrument", "author", "keyword", "doi"];

    public static ParsedQuery Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return ParsedQuery.All;
        }
        var text = input.Length > MaxLength ? input[..MaxLength] : input;
        try
        {
            var tokens = Tokenize(text);
            var root = new Parser(tokens).ParseQuery();
            return new ParsedQuery(root, false) { Text = text };
        }
        catch (FormatException)
        {
            return new ParsedQuery(PlainWords(text), true) { Text = text };
        }
    }

    /// <summary>The fallback: every run of letters and digits is a word that must match.</summary>
    public static QueryNode? PlainWords(string text)
    {
        var words = new List<QueryNode>();
        var current = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(new TermNode(current.ToString()));
                current.Clear();
            }
        }
        return Simplify(words.Take(MaxClauses).ToList(), []);
    }

    private static QueryNode? Simplify(List<QueryNode> must, List<QueryNode> mustNot) =>
        (must.Count, mustNot.Count) switch
        {
            (0, 0) => null,
            (1, 0) => must[0],
            _ => new AndNode(must, mustNot),
        };

    private enum Kind { Word, Phrase, Or, Not, Minus, Field }

    private readonly record struct Token(Kind Kind, string Text);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c is '(' or ')')
            {
                i++;
                continue;
            }
            if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new FormatException("unbalanced quote");
                }
                tokens.Add(new Token(Kind.Phrase, text[(i + 1)..end]));
                i = end + 1;
                continue;
            }
            if (c == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && (i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] == '('))
            {
                tokens.Add(new Token(Kind.Minus, "-"));
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '"' and not '(' and not ')')
            {
                i++;
                if (i < text.Length && text[i - 1] == ':' && Fields.Contains(text[start..(i - 1)].ToLowerInvariant()))
                {
                    break;
                }
            }
            var word = text[start..i];
            if (word.EndsWith(':') && Fields.Contains(word[..^1].ToLowerInvariant()))
            {
                tokens.Add(new Token(Kind.Field, word[..^1].ToLowerInvariant()));
            }
            else if (word == "OR" || word == "|")
            {
                tokens.Add(new Token(Kind.Or, word));
            }
            else if (word == "NOT")
            {
                tokens.Add(new Token(Kind.Not, word));
            }
            else if (word != "AND")
            {
                tokens.Add(new Token(Kind.Word, word));
            }
        }
        return tokens;
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _position;

        public QueryNode? ParseQuery()
        {
            var must = new List<QueryNode>();
            var mustNot = new List<QueryNode>();
            while (_position < tokens.Count)
            {
                if (must.Count + mustNot.Count >= MaxClauses)
                {
                    throw new FormatException("too many clauses");
                }
                if (Peek(Kind.Not) || Peek(Kind.Minus))
                {
                    _position++;
                    mustNot.Add(ParseUnit() ?? throw new FormatException("nothing to exclude"));
                    continue;
                }
                var clause = ParseOr();
                if (clause is not null)
                {
                    must.Add(clause);
                }
            }
            if (must.Count == 0 && mustNot.Count == 0)
            {
                throw new FormatException("no words");
            }
            return Simplify(must, mustNot);
        }

        private QueryNode? ParseOr()
        {
            if (Peek(Kind.Or))
            {
                throw new FormatException("OR without a left side");
            }
            var first = ParseUnit();
            var any = new List<QueryNode>();
            if (first is not null)
            {
                any.Add(first);
            }
            while (Peek(Kind.Or))
            {
                _position++;
                if (_position >= tokens.Count || Peek(Kind.Or) || Peek(Kind.Not) || Peek(Kind.Minus))
                {
                    throw new FormatException("OR without a right side");
                }
                var next = ParseUnit();
                if (next is not null)
                {
                    any.Add(next);
                }
            }
            return any.Count switch
            {
                0 => null,
                1 => any[0],
                _ => new OrNode(any),
            };
        }

        private QueryNode? ParseUnit()
        {
            if (_position >= tokens.Count)
            {
                return null;
            }
            string? field = null;
            if (Peek(Kind.Field))
            {
                field = tokens[_position++].Text;
                if (_position >= tokens.Count || !(Peek(Kind.Word) || Peek(Kind.Phrase)))
                {
                    throw new FormatException($"{field}: has no value");
                }
            }
            var token = tokens[_position++];
            switch (token.Kind)
            {
                case Kind.Phrase:
                    return HasWordCharacter(token.Text) ? new PhraseNode(token.Text.Trim(), field) : null;
                case Kind.Word:
                    var prefix = token.Text.EndsWith('*');
                    var text = token.Text.TrimEnd('*');
                    if (text.Contains('*', StringComparison.Ordinal))
                    {
                        throw new FormatException("'*' is only allowed at the end of a word");
                    }
                    return HasWordCharacter(text) ? new TermNode(text, field, prefix) : null;
                default:
                    throw new FormatException($"unexpected {token.Text}");
            }
        }

        private bool Peek(Kind kind) => _position < tokens.Count && tokens[_position].Kind == kind;
    }

    private static bool HasWordCharacter(string s) => s.Any(char.IsLetterOrDigit);
}
