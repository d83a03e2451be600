namespace DiscoveryPortal.Indexer.Tests.Search.Sqlite;

public sealed class SqliteSearchIndexTests : SearchIndexContractTests
{
    protected override TestCatalog CreateCatalog() => new();
}
