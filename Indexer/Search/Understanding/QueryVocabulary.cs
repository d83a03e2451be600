using System.Globalization;
using System.Text.RegularExpressions;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Facets;

namespace DiscoveryPortal.Indexer.Search.Understanding;

/// <summary>A run of query words that names a vocabulary value: words[Start .. Start+Length) = Value of Dimension.</summary>
public sealed record VocabularyMatch(int Start, int Length, string Dimension, string Value, string Kind);

/// <summary>
/// Recognises the words of a query that name a value of the shared vocabularies: missions (any alias),
/// instruments the catalogue holds, product types, wavebands, and years or year ranges. Matching
/// records are boosted; nothing is filtered out.
/// </summary>
public sealed partial class QueryVocabulary(MissionVocabulary missions)
{
    private const int LongestName = 4;

    /// <summary>
    /// Non-overlapping matches, longest first from the left. <paramref name="held"/> finds a dimension's
    /// value as the catalogue holds it (or null): a value no record carries is not worth saying it was understood.
    /// </summary>
    public IReadOnlyList<VocabularyMatch> Find(IReadOnlyList<string> words, Func<string, string, string?> held)
    {
        var matches = new List<VocabularyMatch>();
        var i = 0;
        while (i < words.Count)
        {
            VocabularyMatch? found = null;
            for (var length = Math.Min(LongestName, words.Count - i); length >= 1 && found is null; length--)
            {
                var run = words.Skip(i).Take(length).ToList();
                if (run.Any(string.IsNullOrEmpty))
                {
                    continue; // a word taken by something else breaks the run
                }
                found = Match(string.Join(' ', run), i, length, held);
            }
            if (found is not null)
            {
                matches.Add(found);
                i += found.Length;
            }
            else
            {
                i++;
            }
        }
        return matches;
    }

    private VocabularyMatch? Match(string text, int start, int length, Func<string, string, string?> held)
    {
        var trimmed = text.Trim('?', '!', ',', ';', '.', '(', ')');
        if (trimmed.Length == 0)
        {
            return null;
        }
        if (Years(trimmed) is { } years)
        {
            return new VocabularyMatch(start, length, "time", years, "time");
        }
        // A single letter or number is never a mission or band ("S2" is, being a known alias).
        if (trimmed.Length < 2 || trimmed.All(char.IsDigit))
        {
            return null;
        }
        if (missions.Resolve(trimmed) is { } mission && held(FacetDimensions.Mission, mission.Name) is { } m)
        {
            return new VocabularyMatch(start, length, FacetDimensions.Mission, m, "mission");
        }
        if (held(FacetDimensions.Instrument, trimmed) is { } instrument)
        {
            return new VocabularyMatch(start, length, FacetDimensions.Instrument, instrument, "instrument");
        }
        if (ProductTypes.Canonical(trimmed) is { } product && held(FacetDimensions.ProductType, product) is { } p)
        {
            return new VocabularyMatch(start, length, FacetDimensions.ProductType, p, "product type");
        }
        if (length <= 2 && Wavebands.Canonical(trimmed) is { } band && held(FacetDimensions.Waveband, band) is { } b)
        {
            return new VocabularyMatch(start, length, FacetDimensions.Waveband, b, "waveband");
        }
        return null;
    }

    /// <summary>"2021" → "2021/2021"; "2019-2021" or "2019..2021" → "2019/2021"; years 1950 to 2100 only.</summary>
    public static string? Years(string text)
    {
        var m = YearPattern().Match(text);
        if (!m.Success)
        {
            return null;
        }
        var from = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var to = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : from;
        if (from is < 1950 or > 2100 || to < from || to > 2100)
        {
            return null;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{from}/{to}");
    }

    [GeneratedRegex(@"^((?:19|20|21)\d\d)(?:\s*(?:-|–|\.\.|to)\s*((?:19|20|21)\d\d))?$", RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();

    /// <summary>A DOI in any form a researcher pastes it: "doi:10.…", "https://doi.org/10.…", or bare "10.…".</summary>
    public static string? Doi(string text)
    {
        var m = DoiPattern().Match(text);
        return m.Success ? DoiName.Key(m.Groups[1].Value.TrimEnd('.', ',', ';', ')')) : null;
    }

    [GeneratedRegex(@"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DoiPattern();
}
