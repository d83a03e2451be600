using DiscoveryPortal.Indexer.Search;

namespace DiscoveryPortal.Web.Pages.Search;

/// <summary>A span of years and how many results' time ranges overlap it.</summary>
public sealed record TimeBin(int From, int Until, long Count);

/// <summary>
/// How the results of a search spread over time, for the histogram under the results: the same search
/// without its own time filter (so the chart shows what a brush could select), counted per span of
/// years. Decades are counted first to find where results lie, then at most <see cref="MostBins"/>
/// spans of one or more whole years between the first and last decade that holds any; each count is a
/// search for the results that overlap the span, so a result spanning years counts in each of them.
/// </summary>
public sealed class TimeHistogram(ISearchIndex index)
{
    public const int MostBins = 30;
    private const int FirstDecade = 1950;

    public async Task<IReadOnlyList<TimeBin>> CountAsync(SearchRequest request, CancellationToken ct)
    {
        var counting = request with { Start = null, End = null, Size = 0, FacetDimensions = [], After = null };
        var lastDecade = DateTimeOffset.UtcNow.Year / 10 * 10;
        var decades = new List<TimeBin>();
        for (var decade = FirstDecade; decade <= lastDecade; decade += 10)
        {
            decades.Add(await Count(counting, decade, decade + 9, ct));
        }
        var held = decades.Where(d => d.Count > 0).ToList();
        if (held.Count == 0)
        {
            return [];
        }
        var (first, last) = (held[0].From, Math.Min(held[^1].Until, DateTimeOffset.UtcNow.Year + 1));
        var width = (int)Math.Ceiling((last - first + 1) / (double)MostBins);
        var bins = new List<TimeBin>();
        for (var year = first; year <= last; year += width)
        {
            bins.Add(await Count(counting, year, Math.Min(last, year + width - 1), ct));
        }
        // Years before the first result and after the last are left out.
        var start = bins.FindIndex(b => b.Count > 0);
        var end = bins.FindLastIndex(b => b.Count > 0);
        return bins[start..(end + 1)];
    }

    private async Task<TimeBin> Count(SearchRequest request, int from, int until, CancellationToken ct)
    {
        var start = new DateTimeOffset(from, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(until + 1, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1);
        var result = await index.SearchAsync(request with { Start = start, End = end }, ct);
        return new TimeBin(from, until, result.Total);
    }
}
