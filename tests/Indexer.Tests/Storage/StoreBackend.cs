using Dapper;
using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DiscoveryPortal.Indexer.Tests.Storage;

/// <summary>
/// A fresh, empty catalogue on one backend, with the indexer's services over it and a fixed clock: what every
/// store's contract suite runs on. A backend is a subclass; each contract suite is subclassed once per backend.
/// </summary>
public abstract class StoreBackend : IDisposable
{
    private ServiceProvider? _services;

    /// <summary>The catalogue settings that choose and place this backend.</summary>
    protected abstract Dictionary<string, string?> Settings();

    public IServiceProvider Services => _services ??= Build();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public ICatalogStore Catalog => Get<ICatalogStore>();

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(new TestCatalog.FixedClock(TestCatalog.Now));
        services.AddIndexer(configuration, AppContext.BaseDirectory);
        return services.BuildServiceProvider();
    }

    public virtual void Dispose()
    {
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The embedded backend: a new SQLite file in a folder of its own.</summary>
public sealed class SqliteBackend : StoreBackend
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-store-").FullName;

    protected override Dictionary<string, string?> Settings() => new() { ["Catalog:Path"] = Path.Combine(_folder, "catalog.db") };

    public override void Dispose()
    {
        base.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The scale-out backend: a new database on the portal's PostgreSQL cluster (<see cref="PostgreSqlPeer"/>), dropped afterwards.</summary>
public sealed class PostgreSqlBackend : StoreBackend
{
    private readonly string _database = "portal_test_" + Guid.NewGuid().ToString("N")[..16];
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-store-").FullName;

    public PostgreSqlBackend()
    {
        using var admin = new NpgsqlConnection(PostgreSqlPeer.ConnectionString);
        admin.Open();
        admin.Execute($"CREATE DATABASE {_database}");
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgreSqlPeer.ConnectionString) { Database = _database }.ToString();

    protected override Dictionary<string, string?> Settings() => new()
    {
        ["Catalog:Backend"] = "postgresql",
        ["Catalog:ConnectionString"] = ConnectionString,
        ["Catalog:Path"] = Path.Combine(_folder, "catalog.db"),
    };

    public override void Dispose()
    {
        base.Dispose();
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(PostgreSqlPeer.ConnectionString);
        admin.Open();
        admin.Execute($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// The portal's PostgreSQL cluster that ops/postgresql/start.sh installs and starts (127.0.0.1:5433, role
/// portal); <c>PORTAL_PG</c> names another. Its tests are skipped, saying why, when it is down, unless
/// PORTAL_REQUIRE_PEERS=1 (ops/test.sh), where they fail instead.
/// </summary>
public static class PostgreSqlPeer
{
    public static string ConnectionString { get; } = Environment.GetEnvironmentVariable("PORTAL_PG")
        ?? "Host=127.0.0.1;Port=5433;Database=portal;Username=portal;Password=portal;Timeout=5";

    public static bool Up { get; } = Probe();

    public static string? SkipReason => Up || Environment.GetEnvironmentVariable("PORTAL_REQUIRE_PEERS") == "1"
        ? null : "the portal's PostgreSQL is not running (bash ops/postgresql/start.sh installs and starts it)";

    private static bool Probe()
    {
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }
}

/// <summary>A contract test: run on every backend its class is subclassed for, and skipped on PostgreSQL when that is down.</summary>
[XunitTestCaseDiscoverer("DiscoveryPortal.Indexer.Tests.Storage.StoreFactDiscoverer", "DiscoveryPortal.Indexer.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var onPostgreSql = ((IReflectionTypeInfo)testMethod.TestClass.Class).Type.BaseType?.GetGenericArguments().Contains(typeof(PostgreSqlBackend)) == true;
        yield return onPostgreSql && PostgreSqlPeer.SkipReason is { } skip
            ? new XunitSkippedDataRowTestCase(sink, display, displayOptions, testMethod, skip)
            : new XunitTestCase(sink, display, displayOptions, testMethod);
    }
}
