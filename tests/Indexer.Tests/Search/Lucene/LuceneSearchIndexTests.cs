namespace DiscoveryPortal.Indexer.Tests.Search.Lucene;

public sealed class LuceneSearchIndexTests : SearchIndexContractTests
{
    protected override TestCatalog CreateCatalog() => new();
}
