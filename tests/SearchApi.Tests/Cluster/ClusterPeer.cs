using System.Net.Http.Headers;
using DiscoveryPortal.Indexer;
using DiscoveryPortal.Indexer.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DiscoveryPortal.SearchApi.Tests.Cluster;

/// <summary>
/// The loopback deployment ops/cluster/start.sh brings up (a PostgreSQL primary and hot standby, nodes a and b,
/// haproxy), read from ops/cluster/cluster.env and its state folder (PORTAL_CLUSTER_STATE, /var/tmp/portal-cluster).
/// Its tests are skipped when it is down, unless PORTAL_REQUIRE_PEERS=1 (ops/test.sh starts it).
/// </summary>
internal static class ClusterPeer
{
    public static string Root { get; } = Harvest.KilledHarvestTests.RepositoryRoot();

    public static string State { get; } = Environment.GetEnvironmentVariable("PORTAL_CLUSTER_STATE") ?? "/var/tmp/portal-cluster";

    private static readonly Dictionary<string, string> Env = File.ReadAllLines(Path.Combine(Root, "ops", "cluster", "cluster.env"))
        .Where(l => l.Contains('=') && !l.StartsWith('#')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);

    public static Uri Balancer => new($"http://127.0.0.1:{Env["LB_PORT"]}");

    public static Uri Node(string node) => new($"http://127.0.0.1:{Env[node == "a" ? "NODE_A_PORT" : "NODE_B_PORT"]}");

    public static string Primary => $"Host=127.0.0.1;Port={Env["PRIMARY_PORT"]};Database={Env["DATABASE"]};Username=portal;Password=portal";

    public static bool Up { get; } = Probe();

    public static int Pid(string node) => int.Parse(File.ReadAllText(Path.Combine(State, $"node-{node}.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public static string IndexPath(string node) => Path.Combine(State, $"node-{node}.index");

    /// <summary>Starts a node that is down (ops/cluster/node.sh), waiting until it answers.</summary>
    public static void Start(string node) => Run("bash", Path.Combine(Root, "ops", "cluster", "node.sh"), node, State);

    public static void Run(string program, params string[] args) => Harvest.DachsPeer.Run(program, args);

    /// <summary>The deployment's catalogue as a process of its own sees it (the indexer's services on the primary).</summary>
    public static ServiceProvider Catalogue(string folder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Catalog:Backend"] = "postgresql",
            ["Catalog:ConnectionString"] = Primary,
            ["Catalog:Path"] = Path.Combine(folder, "catalog.db"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddIndexer(configuration, AppContext.BaseDirectory);
        return services.BuildServiceProvider();
    }

    /// <summary>A client of <paramref name="baseAddress"/> holding a new administrator's key (made directly in the shared catalogue).</summary>
    public static async Task<HttpClient> AdministratorAsync(Uri baseAddress, string folder)
    {
        using var services = Catalogue(folder);
        var accounts = services.GetRequiredService<AccountService>();
        var name = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        await accounts.CreateAsync(name, "correct horse battery staple", Roles.Administrator);
        var (_, secret) = await accounts.CreateKeyAsync(name, "cluster tests", [Scopes.AssetsWrite, Scopes.SourcesWrite], CancellationToken.None);
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static bool Probe()
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            return http.GetAsync(new Uri(Balancer, "/healthz")).GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}

/// <summary>A test of the loopback deployment: skipped, saying why, when ops/cluster/start.sh has not brought it up.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (!ClusterPeer.Up && Environment.GetEnvironmentVariable("PORTAL_REQUIRE_PEERS") != "1")
        {
            Skip = "the two-node deployment is not running (bash ops/cluster/start.sh brings it up)";
        }
    }
}
