namespace DiscoveryPortal.Indexer.Search.Understanding;

/// <summary>What one part of a query was understood as, e.g. "JWST" = mission, "2023" = time, "Whirlpool Galaxy" = M51.</summary>
/// <param name="Text">The words as typed.</param>
/// <param name="Kind">mission, instrument, productType, waveband, time, object, doi, spelling or ignored.</param>
/// <param name="Meaning">What the part was read as, in words.</param>
public sealed record QueryPart(string Text, string Kind, string Meaning);

/// <summary>How a query was understood and, when nothing matched every word, how it was relaxed.</summary>
public sealed record QueryInterpretation(IReadOnlyList<QueryPart> Parts, bool Relaxed)
{
    public static QueryInterpretation None { get; } = new([], false);

    /// <summary>The query with misspelt words replaced by the indexed words they were read as, when any were.</summary>
    public string? DidYouMean { get; init; }
}
