using System.Globalization;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Analysis;

/// <summary>
/// What the index holds of a record: weighted text fields for full-text search, and the facet,
/// spatial, temporal and sort values kept resident in memory.
/// </summary>
public sealed record SearchDocument
{
    public const char ListSeparator = '\u001f';

    public required string Title { get; init; }
    public required string Keywords { get; init; }
    public required string MissionText { get; init; }
    public required string InstrumentText { get; init; }
    public required string Authors { get; init; }
    public required string Description { get; init; }
    public required string Doi { get; init; }
    public required string TitleSort { get; init; }
    public double? Newest { get; init; }

    public static SearchDocument From(AssetRecord r, MissionVocabulary missions)
    {
        var keywords = new List<string>(r.Keywords);
        keywords.AddRange(r.ProductTypes.SelectMany(ProductTypes.SearchTerms));
        keywords.AddRange(r.Wavebands);
        keywords.Add(r.AssetType.ToString().ToLowerInvariant());
        keywords.AddRange(Years(r.Time));
        if (r.Details.TryGetValue("target", out var target))
        {
            keywords.Add(target);
        }

        var mission = new List<string>();
        if (r.Mission is not null)
        {
            mission.Add(r.Mission);
            mission.AddRange(missions.AliasesOf(r.Mission));
        }
        if (r.MissionFamily is not null)
        {
            mission.Add(r.MissionFamily);
        }
        if (r.Platform is not null)
        {
            mission.Add(r.Platform);
        }

        return new SearchDocument
        {
            Title = r.Title,
            Keywords = string.Join(" ; ", keywords.Distinct(StringComparer.OrdinalIgnoreCase)),
            MissionText = string.Join(" ; ", mission.Distinct(StringComparer.OrdinalIgnoreCase)),
            InstrumentText = string.Join(" ; ", r.Instruments),
            Authors = string.Join(" ; ", r.Authors.Select(a => a.Name)),
            Description = r.Description,
            Doi = r.Doi ?? "",
            TitleSort = r.Title.ToLowerInvariant(),
            Newest = ToUnix(r.Published ?? r.Time?.End ?? r.Time?.Start ?? r.HarvestedAt),
        };
    }

    public static string JoinList(IEnumerable<string> values) => string.Join(ListSeparator, values);

    public static double? ToUnix(DateTimeOffset? t) => t is null ? null : t.Value.ToUnixTimeMilliseconds() / 1000.0;

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
