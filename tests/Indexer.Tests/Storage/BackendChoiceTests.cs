using Dapper;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.Indexer.Tests.Storage;

/// <summary>The backend named by <c>Catalog:Backend</c>, checked at start.</summary>
public sealed class BackendChoiceTests
{
    private static CatalogOptions Options(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddIndexer(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), AppContext.BaseDirectory);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CatalogOptions>>().Value;
    }

    [Fact]
    public void A_backend_that_is_neither_is_refused_naming_both()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Catalog:Backend"] = "mysql" }));
        Assert.Contains("Catalog:Backend must be one of 'sqlite', 'postgresql', not 'mysql'", e.Message);
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_is_refused_saying_what_is_missing()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Catalog:Backend"] = "postgresql" }));
        Assert.Contains("needs Catalog:ConnectionString", e.Message);
    }

}

/// <summary>What only the PostgreSQL backend does: reads from a standby, migrations shared by nodes.</summary>
public sealed class PostgreSqlDatabaseTests
{
    [StoreFact]
    public async Task Reads_fall_back_to_the_primary_when_the_standby_does_not_answer()
    {
        using var backend = new PostgreSqlBackend();
        await backend.Catalog.SetCheckpointAsync("src", "page", "1", CancellationToken.None);
        // A port nothing listens on stands for a standby that is down.
        using var database = new PostgreSqlDatabase(backend.ConnectionString, backend.ConnectionString.Replace("Port=5433", "Port=5499", StringComparison.Ordinal) + ";Timeout=2");
        await using var connection = await database.OpenReadAsync(CancellationToken.None);
        Assert.Equal(5433, connection.Port);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM checkpoints"));
    }

    [StoreFact]
    public void Opening_the_database_again_runs_no_script_twice()
    {
        using var backend = new PostgreSqlBackend();
        _ = backend.Catalog;
        using var again = new PostgreSqlDatabase(backend.ConnectionString);
        Assert.Equal(PostgreSqlDatabase.Scripts.Max(s => s.Version), again.SchemaVersion);
        using var connection = again.Open();
        Assert.Equal(PostgreSqlDatabase.Scripts.Count, connection.ExecuteScalar<int>("SELECT count(*) FROM schema_version"));
    }
}
