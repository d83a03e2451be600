using Microsoft.AspNetCore.Builder;

namespace DiscoveryPortal.SearchApi.Tests.Clients;

/// <summary>
/// The real API host on a loopback port chosen at start, on a temporary catalogue seeded from
/// data-samples/seed, for clients that run in their own process (pyvo, STILTS, spectral).
/// </summary>
public sealed class LiveApiServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-live-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;

    public string BaseUrl { get; private set; } = "";

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The running host's services, for tests that change the catalogue behind the API.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Settings given to the host on start, after the defaults above.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    public async Task InitializeAsync()
    {
        _app = Program.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Catalog:Path={Path.Combine(_directory, "catalog.db")}",
            "--Logging:LogLevel:Default=Warning",
            "--SearchLimit:RequestsPerSecond=0",
            .. Settings,
        ]);
        await _app.SeedCatalogAsync();
        await _app.StartAsync();
        BaseUrl = _app.Urls.First();
        _app.Configuration["Portal:PublicUrl"] = BaseUrl; // the port was chosen at start
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
    }
}
