using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Search;

/// <summary>One hit: the record and a snippet with the matched words marked.</summary>
public sealed record SearchHit(AssetRecord Record, Snippet Snippet);

/// <summary>
/// A passage of a record's description as plain text, and where the matched words are in it (offsets and
/// lengths in UTF-16 code units, as .NET and JavaScript count); how they are shown is the reader's concern.
/// </summary>
public sealed record Snippet(string Text, IReadOnlyList<TextSpan> Highlights)
{
    /// <summary>Marks the highlighter puts around matched words: private-use characters, taken out of the text first.</summary>
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    public static Snippet Plain(string text) => new(Strip(text), []);

    /// <summary>Reads a passage whose matched words stand between <see cref="Open"/> and <see cref="Close"/>.</summary>
    public static Snippet FromMarked(string marked)
    {
        var text = new System.Text.StringBuilder(marked.Length);
        var spans = new List<TextSpan>();
        var start = -1;
        foreach (var c in marked)
        {
            if (c == Open)
            {
                start = text.Length;
            }
            else if (c == Close && start >= 0)
            {
                if (text.Length > start)
                {
                    spans.Add(new TextSpan(start, text.Length - start));
                }
                start = -1;
            }
            else
            {
                text.Append(c);
            }
        }
        return new Snippet(text.ToString(), spans);
    }

    public static string Strip(string text) =>
        text.Contains(Open, StringComparison.Ordinal) || text.Contains(Close, StringComparison.Ordinal) ? text.Replace(Open.ToString(), "", StringComparison.Ordinal).Replace(Close.ToString(), "", StringComparison.Ordinal) : text;
}

/// <summary>A stretch of text: where it starts and how long it is.</summary>
public readonly record struct TextSpan(int Start, int Length);

/// <summary>A facet value and how many results carry it; <see cref="Parent"/> is set in hierarchical dimensions.</summary>
public sealed record FacetValue(string Value, int Count, bool Selected, string? Parent = null);

public sealed record FacetResult(string Dimension, IReadOnlyList<FacetValue> Values);

/// <summary>A page of results, the facet counts over all of them, the cursor of the next page, and how the query was understood.</summary>
public sealed record SearchResult(long Total, IReadOnlyList<SearchHit> Hits, IReadOnlyList<FacetResult> Facets, SearchCursor? Next)
{
    public Understanding.QueryInterpretation Interpretation { get; init; } = Understanding.QueryInterpretation.None;
}
