namespace DiscoveryPortal.Indexer.Search.Understanding;

/// <summary>What one part of a query was understood as, e.g. "JWST" = mission, "2023" = time, "Whirlpool Galaxy" = M51.</summary>
/// <param name="Typed">The words exactly as typed (to take them out of the query).</param>
/// <param name="Kind">mission, instrument, productType, waveband, time, object, doi, spelling or ignored.</param>
/// <param name="Meaning">What the part was read as, in words.</param>
public sealed record QueryPart(string Typed, string Kind, string Meaning)
{
    /// <summary>The words to show: as typed, less anything that is neither a letter, a digit, a space nor a joiner inside words.</summary>
    public string Text { get; } = QueryText.Searched(Typed, syntax: false);
}

/// <summary>How a query was understood and whether it was relaxed: when few records matched every word, records matching most of them follow those.</summary>
public sealed record QueryInterpretation(IReadOnlyList<QueryPart> Parts, bool Relaxed)
{
    public static QueryInterpretation None { get; } = new([], false);

    /// <summary>The query with misspelt words replaced by the indexed words they were read as, when any were.</summary>
    public string? DidYouMean { get; init; }
}

/// <summary>Query texts derived from an interpretation, so the API and the pages offer the same links.</summary>
public static class QueryText
{
    /// <summary>The query without one part's words (the first whole-word occurrence, case ignored).</summary>
    public static string Without(string query, QueryPart part)
    {
        var at = 0;
        while ((at = query.IndexOf(part.Typed, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = at + part.Typed.Length;
            var wholeWord = (at == 0 || !char.IsLetterOrDigit(query[at - 1])) && (end == query.Length || !char.IsLetterOrDigit(query[end]));
            if (wholeWord)
            {
                return Searched(string.Join(' ', (query[..at] + " " + query[end..]).Split(' ', StringSplitOptions.RemoveEmptyEntries)), syntax: true);
            }
            at = end;
        }
        return Searched(query, syntax: true);
    }

    /// <summary>
    /// Only the characters search reads: letters, digits, spaces, the joiners inside words and, with
    /// <paramref name="syntax"/>, the query language's quotes, parentheses and stars. Markup a query
    /// carried is not handed back.
    /// </summary>
    public static string Searched(string text, bool syntax) =>
        new(text.Where(c => char.IsLetterOrDigit(c) || c == ' ' || Analysis.WordTokenizer.IsWordChar(c) || (syntax && c is '"' or '*' or '(' or ')')).ToArray());
}
