using DiscoveryPortal.Indexer.Bench.Relevance;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;

namespace DiscoveryPortal.Indexer.Tests.Bench.Relevance;

public sealed class ShippedQueriesTests
{
    [Fact]
    public async Task Every_rule_of_the_shipped_queries_selects_records_of_the_seeded_catalogue()
    {
        var queries = QueryFile.Load(QueryFile.DefaultPath(DataRoot.Locate(AppContext.BaseDirectory)));
        Assert.True(queries.Count >= 60, $"{queries.Count} queries");
        Assert.All(QueryFile.Kinds, kind => Assert.Contains(queries, q => q.Kind == kind));

        using var catalog = new TestCatalog();
        var seeded = await catalog.Get<CatalogSeeder>().SeedIfEmptyAsync(catalog.Get<ResolvedPaths>().SeedDirectory, _ => { }, CancellationToken.None);
        Assert.NotNull(seeded);

        var judgements = await new RelevanceRun(catalog.Catalog, catalog.Index).JudgeAsync(queries, CancellationToken.None);
        var empty = judgements.SelectMany(j => j.EmptyRules().Select(rule => $"{j.Query.Id}: {rule}")).ToList();
        Assert.True(empty.Count == 0, string.Join("\n", empty));
    }

    [Fact]
    public async Task The_bench_reads_every_live_record_and_asks_the_engine_through_one_search()
    {
        using var catalog = new TestCatalog();
        await catalog.AddAsync(
            TestCatalog.Record("a", "Crab nebula mosaic"),
            TestCatalog.Record("b", "Crab pulsar timing"),
            TestCatalog.Record("c", "Alps scene"));
        await catalog.Get<IngestionPipeline>().WithdrawAsync(["test:c"], CancellationToken.None);

        var all = new List<string>();
        await foreach (var record in catalog.Catalog.AllAsync(CancellationToken.None))
        {
            all.Add(record.Id);
        }
        Assert.Equal(["test:a", "test:b"], all);

        var hits = await new RelevanceRun(catalog.Catalog, catalog.Index).SearchAsync("crab", CancellationToken.None);
        Assert.Equal(["test:a", "test:b"], hits.Order(StringComparer.Ordinal));
    }
}
