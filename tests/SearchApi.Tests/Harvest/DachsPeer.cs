using System.Diagnostics;
using DiscoveryPortal.Connectors.Tap;

namespace DiscoveryPortal.SearchApi.Tests.Harvest;

/// <summary>
/// The local DaCHS that ops/install-test-peers.sh installs and starts (ops/dachs). Tests that need it
/// are skipped, saying why, when it is down, unless PORTAL_REQUIRE_PEERS=1 (ops/test.sh sets it), where
/// a missing peer fails them instead.
/// </summary>
internal static class DachsPeer
{
    public const string TapUrl = "http://127.0.0.1:8090/tap";

    public static bool Required => Environment.GetEnvironmentVariable("PORTAL_REQUIRE_PEERS") == "1";

    public static bool Up { get; } = Probe();

    public static TapClient Client() => new(new HttpClient(), new Uri(TapUrl));

    /// <summary>Runs SQL on DaCHS's database as its administrative user.</summary>
    public static void Sql(string sql)
    {
        var file = Path.Combine(Path.GetTempPath(), $"portal-dachs-{Guid.NewGuid():N}.sql");
        File.WriteAllText(file, sql);
        try
        {
            Run("runuser", "-u", "dachsroot", "--", "psql", "-q", "-d", "gavo", "-v", "ON_ERROR_STOP=1", "-f", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Reloads the portal's resource from data-samples/dachs, undoing what a test changed.</summary>
    public static void Reimport() => Run("runuser", "-u", "dachsroot", "--", "dachs", "imp", "portalobs/q");

    internal static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }

    private static bool Probe()
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            return http.GetAsync(TapUrl + "/availability").GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}

/// <summary>A fact that talks to the local DaCHS.</summary>
public sealed class DachsFactAttribute : FactAttribute
{
    public DachsFactAttribute()
    {
        if (!DachsPeer.Up && !DachsPeer.Required)
        {
            Skip = "the local DaCHS is not running (bash ops/install-test-peers.sh installs and starts it)";
        }
    }
}
