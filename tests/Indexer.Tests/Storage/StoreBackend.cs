using System.Data.Common;
using Dapper;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.PostgreSql;
using DiscoveryPortal.Indexer.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
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

    /// <summary>A connection to the catalogue as it is, without bringing its schema up to date.</summary>
    public abstract DbConnection Connect();

    /// <summary>Makes the catalogue as a portal at schema <paramref name="version"/> left it: the scripts up to it, run in order.</summary>
    public abstract void CreateAt(int version);

    /// <summary>Another process on the same catalogue, as a second portal node is; <paramref name="more"/> adds its own services.</summary>
    public ServiceProvider Node(Action<IServiceCollection>? more = null) => Build(more);

    private ServiceProvider Build(Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(new TestCatalog.FixedClock(TestCatalog.Now));
        services.AddIndexer(configuration, AppContext.BaseDirectory);
        more?.Invoke(services);
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

    private string CatalogPath => Path.Combine(_folder, "catalog.db");

    protected override Dictionary<string, string?> Settings() => new() { ["Catalog:Path"] = CatalogPath };

    public override DbConnection Connect()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={CatalogPath}");
        connection.Open();
        return connection;
    }

    public override void CreateAt(int version)
    {
        using var connection = Connect();
        foreach (var (_, sql) in SqliteDatabase.Scripts.Where(s => s.Version <= version))
        {
            connection.Execute(sql);
        }
        connection.Execute($"PRAGMA user_version = {version}");
    }

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
    private readonly PostgreSqlTestDatabase _database = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-store-").FullName;

    public string ConnectionString => _database.ConnectionString;

    protected override Dictionary<string, string?> Settings() => new(_database.Settings) { ["Catalog:Path"] = Path.Combine(_folder, "catalog.db") };

    public override DbConnection Connect()
    {
        var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public override void CreateAt(int version)
    {
        using var connection = Connect();
        connection.Execute("CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var (v, sql) in PostgreSqlDatabase.Scripts.Where(s => s.Version <= version))
        {
            connection.Execute(sql);
            connection.Execute("INSERT INTO schema_version (version) VALUES (@v)", new { v });
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A contract test: run on every backend its class is subclassed for, and skipped on PostgreSQL (a class named PostgreSql... or subclassed for it) when that is down.</summary>
[XunitTestCaseDiscoverer("DiscoveryPortal.Indexer.Tests.Storage.StoreFactDiscoverer", "DiscoveryPortal.Indexer.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var type = ((IReflectionTypeInfo)testMethod.TestClass.Class).Type;
        var onPostgreSql = type.Name.StartsWith("PostgreSql", StringComparison.Ordinal) || type.BaseType?.GetGenericArguments().Contains(typeof(PostgreSqlBackend)) == true;
        yield return onPostgreSql && PostgreSqlPeer.SkipReason is { } skip
            ? new XunitSkippedDataRowTestCase(sink, display, displayOptions, testMethod, skip)
            : new XunitTestCase(sink, display, displayOptions, testMethod);
    }
}
