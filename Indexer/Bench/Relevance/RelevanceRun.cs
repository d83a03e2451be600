using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Search.Query;

namespace DiscoveryPortal.Indexer.Bench.Relevance;

/// <summary>The grade of every record a query's rules select (records they do not select have grade 0).</summary>
public sealed record Judgement(JudgedQuery Query, IReadOnlyDictionary<string, int> Grades, int HighlyMatched, int PartlyMatched)
{
    public int Relevant => Grades.Count;
    public int HighlyRelevant => Grades.Values.Count(g => g == 2);

    /// <summary>The rules of this query that select no record: such a query cannot be scored.</summary>
    public IEnumerable<string> EmptyRules()
    {
        if (Query.Highly is not null && HighlyMatched == 0)
        {
            yield return $"grade2 ({Query.Highly})";
        }
        if (Query.Partly is not null && PartlyMatched == 0)
        {
            yield return $"grade1 ({Query.Partly})";
        }
    }
}

/// <summary>A hit as the engine ranked it, with its grade.</summary>
public sealed record RankedHit(string Id, int Grade);

public sealed record QueryScore(string Id, string Kind, string Text, int Relevant, int HighlyRelevant, int Hits,
    double Ndcg10, double P10, double R100, IReadOnlyList<RankedHit> Top)
{
    public bool ZeroResult => Hits == 0;
}

public sealed record ScoreAverage(string Kind, int Queries, double Ndcg10, double P10, double R100, int ZeroResults)
{
    public static ScoreAverage Of(string kind, IReadOnlyList<QueryScore> scores) => new(kind, scores.Count,
        scores.Average(s => s.Ndcg10), scores.Average(s => s.P10), scores.Average(s => s.R100), scores.Count(s => s.ZeroResult));
}

/// <summary>
/// Judges the catalogue's records by each query's rules, then runs each query through the search
/// index and scores its ranking against the judgement.
/// </summary>
public sealed class RelevanceRun(ICatalogStore catalog, ISearchIndex index)
{
    /// <summary>How many hits are collected per query: R@100 looks this deep.</summary>
    public const int Depth = 100;

    /// <summary>Reads every live record once and grades it for every query.</summary>
    public async Task<IReadOnlyList<Judgement>> JudgeAsync(IReadOnlyList<JudgedQuery> queries, CancellationToken ct)
    {
        var grades = queries.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var highly = new int[queries.Count];
        var partly = new int[queries.Count];
        await foreach (var record in catalog.AllAsync(ct))
        {
            for (var i = 0; i < queries.Count; i++)
            {
                var query = queries[i];
                var isHighly = query.Highly?.Matches(record) == true;
                var isPartly = query.Partly?.Matches(record) == true;
                highly[i] += isHighly ? 1 : 0;
                partly[i] += isPartly ? 1 : 0;
                if (isHighly || isPartly)
                {
                    grades[i][record.Id] = isHighly ? 2 : 1;
                }
            }
        }
        return queries.Select((q, i) => new Judgement(q, grades[i], highly[i], partly[i])).ToList();
    }

    public async Task<IReadOnlyList<QueryScore>> ScoreAsync(IReadOnlyList<Judgement> judgements, CancellationToken ct)
    {
        var scores = new List<QueryScore>(judgements.Count);
        foreach (var judgement in judgements)
        {
            var hits = await SearchAsync(judgement.Query.Text, ct);
            var ranked = hits.Select(id => judgement.Grades.GetValueOrDefault(id)).ToList();
            scores.Add(new QueryScore(judgement.Query.Id, judgement.Query.Kind, judgement.Query.Text,
                judgement.Relevant, judgement.HighlyRelevant, hits.Count,
                RelevanceMetrics.NdcgAt(10, ranked, judgement.Grades.Values),
                RelevanceMetrics.PrecisionAt(10, ranked),
                RelevanceMetrics.RecallAt(Depth, ranked, judgement.Relevant),
                hits.Take(10).Select((id, i) => new RankedHit(id, ranked[i])).ToList()));
        }
        return scores;
    }

    /// <summary>
    /// The one place the bench asks the engine: the ids of the first <see cref="Depth"/> hits for the
    /// text as a researcher typed it, following the engine's cursor if a page holds fewer.
    /// </summary>
    public async Task<IReadOnlyList<string>> SearchAsync(string text, CancellationToken ct)
    {
        var ids = new List<string>(Depth);
        SearchCursor? after = null;
        do
        {
            var result = await index.SearchAsync(new SearchRequest { Query = QueryParser.Parse(text), Size = Depth - ids.Count, After = after }, ct);
            ids.AddRange(result.Hits.Select(h => h.Record.Id));
            after = result.Hits.Count > 0 ? result.Next : null;
        }
        while (after is not null && ids.Count < Depth);
        return ids;
    }
}
