using System.Diagnostics;

namespace DiscoveryPortal.SearchApi.Tests.Clients;

/// <summary>
/// A program nobody here wrote (Debian's python3 with astropy and pyvo, STILTS, spectral), run against the
/// API's output the way a researcher's script or a CI job runs it. ops/install-test-peers.sh installs each.
/// </summary>
public sealed record ExternalClient(string Program, string Probe, string Package)
{
    /// <summary>Debian's python3, not a pyenv one: the one whose astropy and pyvo the peers script installs.</summary>
    public static ExternalClient Astropy { get; } = new("/usr/bin/python3", "import astropy.io.votable", "Debian python3-astropy");
    public static ExternalClient Pyvo { get; } = new("/usr/bin/python3", "import pyvo", "Debian python3-pyvo");
    public static ExternalClient Stilts { get; } = new("/usr/bin/stilts", "", "Debian stilts");
    public static ExternalClient OwsLib { get; } = new("/usr/bin/python3", "import owslib.ogcapi.records", "Debian python3-owslib");

    /// <summary>stac-node-validator as ops/install-test-peers.sh installs it, into ops/stac-validator from npm.</summary>
    public static ExternalClient StacValidator { get; } = new(Path.Combine(TestPaths.Repository(), "ops", "stac-validator", "node_modules", ".bin", "stac-node-validator"), "", "npm stac-node-validator");
    public static ExternalClient Xmllint { get; } = new("/usr/bin/xmllint", "", "Debian libxml2-utils");
    public static ExternalClient Feedparser { get; } = new("/usr/bin/python3", "import feedparser", "Debian python3-feedparser");
    public static ExternalClient Python { get; } = new("/usr/bin/python3", "import urllib.request, xml.etree.ElementTree", "Debian python3");

    /// <summary>Spectral as ops/install-test-peers.sh installs it, into ops/spectral from npm.</summary>
    public static ExternalClient Spectral { get; } = new(Path.Combine(TestPaths.Repository(), "ops", "spectral", "node_modules", ".bin", "spectral"), "", "npm @stoplight/spectral-cli");

    private readonly Lazy<bool> _available = new(() => ProbeProgram(Program, Probe));

    public bool Available => _available.Value;

    /// <summary>Runs the program; returns its exit code, standard output and standard error, or fails after <paramref name="seconds"/>.</summary>
    public (int Exit, string Out, string Err) Run(int seconds, params string[] args) => RunProgram(Program, seconds, args);

    public static (int Exit, string Out, string Err) RunProgram(string program, int seconds, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(seconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} ran longer than {seconds} s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static bool ProbeProgram(string program, string probe)
    {
        if (!File.Exists(program))
        {
            return false;
        }
        try
        {
            return probe.Length == 0 || RunProgram(program, 60, "-c", probe).Exit == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs an external client; skipped, saying which package brings it, where it is missing.</summary>
public sealed class ClientFactAttribute : FactAttribute
{
    public ClientFactAttribute(string client)
    {
        var needed = client switch
        {
            nameof(ExternalClient.Astropy) => ExternalClient.Astropy,
            nameof(ExternalClient.Pyvo) => ExternalClient.Pyvo,
            nameof(ExternalClient.Stilts) => ExternalClient.Stilts,
            nameof(ExternalClient.Xmllint) => ExternalClient.Xmllint,
            nameof(ExternalClient.Python) => ExternalClient.Python,
            nameof(ExternalClient.Feedparser) => ExternalClient.Feedparser,
            nameof(ExternalClient.Spectral) => ExternalClient.Spectral,
            nameof(ExternalClient.OwsLib) => ExternalClient.OwsLib,
            nameof(ExternalClient.StacValidator) => ExternalClient.StacValidator,
            _ => throw new ArgumentException($"no client named {client}", nameof(client)),
        };
        if (!needed.Available)
        {
            Skip = $"needs {needed.Program} ({needed.Package}; ops/install-test-peers.sh installs it)";
        }
    }
}
