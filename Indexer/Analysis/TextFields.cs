using System.Globalization;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Analysis;

/// <summary>One full-text field: its name, its weight in ranking, and what of a record it holds.</summary>
public sealed record TextField(string Name, float Weight, Func<AssetRecord, MissionVocabulary, IEnumerable<string>> Text);

/// <summary>
/// What of a record full-text search reads, field by field, declared once: the index writes these
/// fields and the query builder weighs them.
/// </summary>
public static class TextFields
{
    public const string Title = "title";
    public const string Target = "target";
    public const string Mission = "mission";
    public const string Instrument = "instrument";
    public const string Keywords = "keywords";
    public const string Tool = "tool";
    public const string Format = "format";
    public const string Author = "author";
    public const string Description = "description";

    /// <summary>Words of the short fields, folded but neither stemmed nor widened by synonyms: what a misspelt word is corrected to.</summary>
    public const string Spelling = "spell";

    /// <summary>The fields whose words a misspelling may be corrected to.</summary>
    public static IReadOnlyList<string> Spelled { get; } = [Title, Target, Mission, Instrument, Keywords];

    public static IReadOnlyList<TextField> All { get; } =
    [
        new(Title, 3.0f, (r, _) => [r.Title]),
        new(Target, 2.5f, (r, _) => r.Details.TryGetValue("target", out var t) ? [t] : []),
        new(Mission, 2.0f, MissionText),
        new(Instrument, 2.0f, (r, _) => r.Instruments),
        new(Keywords, 1.5f, KeywordText),
        new(Tool, 2.0f, (r, _) => ToolText(r)),
        new(Format, 0.8f, (r, _) => r.Formats),
        new(Author, 1.2f, (r, _) => r.Authors.Select(a => a.Name)),
        new(Description, 0.7f, (r, _) => [r.Description]),
    ];

    /// <summary>The fields the query language names (<c>keyword:</c> reads the keywords field).</summary>
    public static string? ForQueryField(string field) => field switch
    {
        "title" => Title,
        "mission" => Mission,
        "instrument" => Instrument,
        "author" => Author,
        "keyword" => Keywords,
        _ => null,
    };

    public static TextField Get(string name) => All.First(f => f.Name == name);

    private static IEnumerable<string> MissionText(AssetRecord r, MissionVocabulary missions)
    {
        var names = new List<string>();
        if (r.Mission is not null)
        {
            names.Add(r.Mission);
            names.AddRange(missions.AliasesOf(r.Mission));
        }
        if (r.MissionFamily is not null)
        {
            names.Add(r.MissionFamily);
        }
        if (r.Platform is not null)
        {
            names.Add(r.Platform);
        }
        return names.Distinct(StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> KeywordText(AssetRecord r, MissionVocabulary _)
    {
        var words = new List<string>(r.Keywords);
        words.AddRange(r.ProductTypes);
        words.AddRange(r.Wavebands);
        words.Add(r.AssetType.ToString().ToLowerInvariant());
        words.Add(r.Domain);
        words.AddRange(Years(r.Time));
        return words.Distinct(StringComparer.OrdinalIgnoreCase);
    }

    // A tool is found by what it is (its interface), what it opens and whether it needs a GPU; the
    // synonym lists widen these ("viewer" ~ "look at", "GPU" ~ "CUDA").
    private static IEnumerable<string> ToolText(AssetRecord r)
    {
        if (r.Tool is not { } tool)
        {
            return [];
        }
        var words = new List<string> { tool.Interface, tool.Launch, "open" };
        if (tool.Interface is "desktop" or "web" || r.Description.Contains("view", StringComparison.OrdinalIgnoreCase))
        {
            words.Add("viewer");
        }
        words.AddRange(tool.OpensProductTypes);
        words.AddRange(tool.OpensFormats.Select(ShortFormat).Distinct(StringComparer.OrdinalIgnoreCase));
        if (tool.Gpu is not GpuNeed.None)
        {
            words.Add("gpu");
        }
        if (tool.Runtime is not null)
        {
            words.Add(tool.Runtime);
        }
        return words;
    }

    /// <summary>The name people use for a media type: "image/fits" → fits, "application/x-votable+xml" → votable.</summary>
    public static string ShortFormat(string mediaType)
    {
        var subtype = mediaType.Split(';')[0].Split('/').Last();
        if (subtype.StartsWith("x-", StringComparison.Ordinal))
        {
            subtype = subtype[2..];
        }
        var plus = subtype.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? subtype[..plus] : subtype;
    }

    // Years covered, so "2021" in a query finds what was observed in 2021; long spans list no years.
    private static IEnumerable<string> Years(TimeRange? time)
    {
        if (time?.Start is not { } start)
        {
            return [];
        }
        var end = time.End ?? start;
        var span = end.Year - start.Year;
        return span is < 0 or > 12 ? [] : Enumerable.Range(start.Year, span + 1).Select(y => y.ToString(CultureInfo.InvariantCulture));
    }
}
