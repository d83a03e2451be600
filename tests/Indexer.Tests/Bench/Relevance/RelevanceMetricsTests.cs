using DiscoveryPortal.Indexer.Bench.Relevance;

namespace DiscoveryPortal.Indexer.Tests.Bench.Relevance;

public sealed class RelevanceMetricsTests
{
    [Fact]
    public void A_perfect_ranking_has_ndcg_one()
    {
        Assert.Equal(1.0, RelevanceMetrics.NdcgAt(10, [2, 2, 1, 0], [2, 1, 2]), 12);
    }

    [Fact]
    public void The_only_relevant_record_at_rank_three_scores_one_over_log2_of_four()
    {
        Assert.Equal(1 / Math.Log2(4), RelevanceMetrics.NdcgAt(10, [0, 0, 1], [1]), 12);
        Assert.Equal(0.5, RelevanceMetrics.NdcgAt(10, [0, 0, 2], [2]), 12);
    }

    [Fact]
    public void Gains_are_two_to_the_grade_minus_one_and_the_ideal_comes_from_the_judged_set()
    {
        // Ranked 1, 2: DCG = 1/log2(2) + 3/log2(3); ideal 2, 1: 3/log2(2) + 1/log2(3).
        var expected = (1 + 3 / Math.Log2(3)) / (3 + 1 / Math.Log2(3));
        Assert.Equal(expected, RelevanceMetrics.NdcgAt(10, [1, 2], [2, 1]), 12);

        // A judged record the engine never returned lowers the score.
        var missing = 3 / (3 + 1 / Math.Log2(3));
        Assert.Equal(missing, RelevanceMetrics.NdcgAt(10, [2], [2, 1]), 12);
    }

    [Fact]
    public void Ndcg_looks_at_the_first_k_hits_only()
    {
        Assert.Equal(0.0, RelevanceMetrics.NdcgAt(2, [0, 0, 2], [2]));
        Assert.Equal(0.0, RelevanceMetrics.NdcgAt(10, [], [2]));
    }

    [Fact]
    public void Precision_counts_grades_of_one_or_more_among_k_places()
    {
        Assert.Equal(0.3, RelevanceMetrics.PrecisionAt(10, [2, 0, 1, 0, 1]), 12);
        Assert.Equal(0.1, RelevanceMetrics.PrecisionAt(10, [1]), 12);
        Assert.Equal(0.5, RelevanceMetrics.PrecisionAt(2, [1, 0, 2]), 12);
    }

    [Fact]
    public void Recall_is_the_share_of_all_relevant_records_found_in_the_first_k()
    {
        Assert.Equal(0.5, RelevanceMetrics.RecallAt(100, [2, 0, 1, 0], 4), 12);
        Assert.Equal(0.25, RelevanceMetrics.RecallAt(2, [2, 0, 1, 0], 4), 12);
        Assert.Equal(1.0, RelevanceMetrics.RecallAt(100, [1, 1], 2), 12);
    }
}
