namespace DiscoveryPortal.Indexer.Search.Understanding;

/// <summary>What one part of a query was understood as, e.g. "JWST" = mission, "2023" = time, "Whirlpool Galaxy" = M51.</summary>
/// <param name="Text">The words as typed.</param>
/// <param name="Kind">mission, instrument, productType, waveband, time, object, doi, spelling or ignored.</param>
/// <param name="Meaning">What the part was read as, in words.</param>
public sealed record QueryPart(string Text, string Kind, string Meaning);

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
        while ((at = query.IndexOf(part.Text, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = at + part.Text.Length;
            var wholeWord = (at == 0 || !char.IsLetterOrDigit(query[at - 1])) && (end == query.Length || !char.IsLetterOrDigit(query[end]));
            if (wholeWord)
            {
                return string.Join(' ', (query[..at] + " " + query[end..]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            at = end;
        }
        return query;
    }
}
