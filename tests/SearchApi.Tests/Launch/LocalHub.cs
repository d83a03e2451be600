namespace DiscoveryPortal.SearchApi.Tests.Launch;

/// <summary>The local JupyterHub of ops/jupyterhub, as the launch tests find it.</summary>
internal static class LocalHub
{
    public const string Url = "http://127.0.0.1:8000";

    public static string State => Environment.GetEnvironmentVariable("PORTAL_HUB_STATE") ?? "/var/tmp/portal-hub";

    public static bool Up { get; } = Probe();

    public static string Token => File.ReadAllText(Path.Combine(State, "portal.token")).Trim();

    /// <summary>A user's session folder, where the hub's pre-spawn hook puts the attached files.</summary>
    public static string SessionFolder(string user, string server) => Path.Combine(State, "home", user, server);

    private static bool Probe()
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            return http.GetAsync(Url + "/hub/api").GetAwaiter().GetResult().IsSuccessStatusCode && File.Exists(Path.Combine(State, "portal.token"));
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}

/// <summary>A fact that launches on the local JupyterHub.</summary>
public sealed class HubFactAttribute : FactAttribute
{
    public HubFactAttribute()
    {
        if (!LocalHub.Up && Environment.GetEnvironmentVariable("PORTAL_REQUIRE_PEERS") != "1")
        {
            Skip = "the local JupyterHub is not running (bash ops/install-test-peers.sh installs and starts it)";
        }
    }
}
