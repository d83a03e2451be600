namespace DiscoveryPortal.Indexer.Bench.Relevance;

/// <summary>
/// Ranking measures over the grades of the hits in the order the engine returned them (0 for a hit
/// no rule selects).
/// </summary>
public static class RelevanceMetrics
{
    /// <summary>
    /// nDCG@k: the discounted cumulative gain of the first k hits, gain 2^grade − 1 at rank i discounted
    /// by log2(i + 1), over that of the best possible ranking of the judged records.
    /// </summary>
    public static double NdcgAt(int k, IReadOnlyList<int> ranked, IEnumerable<int> judged)
    {
        var ideal = Dcg(judged.Where(g => g > 0).OrderDescending().Take(k).ToList());
        return ideal == 0 ? 0 : Dcg(ranked.Take(k).ToList()) / ideal;
    }

    /// <summary>P@k: the share of the first k places (not of the hits) taken by records of grade 1 or more.</summary>
    public static double PrecisionAt(int k, IReadOnlyList<int> ranked) => ranked.Take(k).Count(g => g > 0) / (double)k;

    /// <summary>R@k: the share of all records of grade 1 or more that are among the first k hits.</summary>
    public static double RecallAt(int k, IReadOnlyList<int> ranked, int relevant) =>
        relevant == 0 ? 0 : ranked.Take(k).Count(g => g > 0) / (double)relevant;

    private static double Dcg(IReadOnlyList<int> grades)
    {
        var sum = 0.0;
        for (var i = 0; i < grades.Count; i++)
        {
            sum += (Math.Pow(2, grades[i]) - 1) / Math.Log2(i + 2);
        }
        return sum;
    }
}
