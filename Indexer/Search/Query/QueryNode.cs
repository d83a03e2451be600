namespace DiscoveryPortal.Indexer.Search.Query;

/// <summary>The parsed form of a researcher's query; each index backend translates it to its own syntax.</summary>
public abstract record QueryNode;

/// <summary>One word, optionally limited to a field and optionally a prefix ("spectr*").</summary>
public sealed record TermNode(string Text, string? Field = null, bool Prefix = false) : QueryNode;

/// <summary>Words that must appear together in order.</summary>
public sealed record PhraseNode(string Text, string? Field = null) : QueryNode;

/// <summary>Every <see cref="Must"/> clause matches and no <see cref="MustNot"/> clause does.</summary>
public sealed record AndNode(IReadOnlyList<QueryNode> Must, IReadOnlyList<QueryNode> MustNot) : QueryNode;

/// <summary>At least one clause matches.</summary>
public sealed record OrNode(IReadOnlyList<QueryNode> Any) : QueryNode;

/// <summary>A parsed query. <see cref="Root"/> is null when the query asks for everything.</summary>
public sealed record ParsedQuery(QueryNode? Root, bool FellBackToWords)
{
    public static ParsedQuery All { get; } = new(null, false);

    /// <summary>The query as it was typed (trimmed to the parser's length limit).</summary>
    public string Text { get; init; } = "";

    /// <summary>Every prefix word of the query (each widens into many words, so their number is bounded).</summary>
    public IEnumerable<TermNode> Prefixes() => Walk(Root).OfType<TermNode>().Where(t => t.Prefix);

    private static IEnumerable<QueryNode> Walk(QueryNode? node) => node switch
    {
        null => [],
        AndNode a => a.Must.Concat(a.MustNot).SelectMany(Walk),
        OrNode o => o.Any.SelectMany(Walk),
        _ => [node],
    };

    /// <summary>A canonical text of the query tree: equal for equal queries.</summary>
    public string Canonical() => Describe(Root);

    private static string Describe(QueryNode? node) => node switch
    {
        null => "*",
        TermNode t => $"{t.Field}:{t.Text}{(t.Prefix ? "*" : "")}",
        PhraseNode p => $"{p.Field}:\"{p.Text}\"",
        AndNode a => $"(AND {string.Join(" ", a.Must.Select(Describe))} NOT {string.Join(" ", a.MustNot.Select(Describe))})",
        OrNode o => $"(OR {string.Join(" ", o.Any.Select(Describe))})",
        _ => "?",
    };

    /// <summary>The words and phrases to mark in snippets and the result page.</summary>
    public IEnumerable<string> PositiveTerms() => Positive(Root);

    private static IEnumerable<string> Positive(QueryNode? node) => node switch
    {
        TermNode t => [t.Text],
        PhraseNode p => [p.Text],
        AndNode a => a.Must.SelectMany(Positive),
        OrNode o => o.Any.SelectMany(Positive),
        _ => [],
    };
}
