using System.Diagnostics;

namespace DiscoveryPortal.Connectors.Tests.VoTable;

/// <summary>Runs Debian's astropy (<c>/usr/bin/python3</c>, not a pyenv one) as the reference VOTable reader.</summary>
internal static class Astropy
{
    public const string Python = "/usr/bin/python3";

    public static bool Available { get; } = Probe();

    public static string Script(string name) => TestData.Path("tests", "Connectors.Tests", "VoTable", name);

    /// <summary>Runs a script; returns its exit code, standard output and standard error.</summary>
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static bool Probe()
    {
        if (!File.Exists(Python))
        {
            return false;
        }
        try
        {
            return Run("-c", "import astropy.io.votable").Exit == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs astropy; skipped, saying so, where it is not installed (ops/test.sh installs it).</summary>
public sealed class AstropyFactAttribute : FactAttribute
{
    public AstropyFactAttribute()
    {
        if (!Astropy.Available)
        {
            Skip = "needs /usr/bin/python3 with astropy (Debian python3-astropy; ops/install-test-peers.sh installs it)";
        }
    }
}
