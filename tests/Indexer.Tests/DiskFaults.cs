using System.Diagnostics;

namespace DiscoveryPortal.Indexer.Tests;

/// <summary>
/// Real disk faults for tests: a small tmpfs that fills up (SQLITE_FULL, ENOSPC) and the immutable flag,
/// which makes a file or folder read-only even for root (SQLITE_READONLY, SQLITE_CANTOPEN), where chmod
/// would not. Both need root, as the tests and CI run here.
/// </summary>
public static class DiskFaults
{
    /// <summary>Whether this machine lets the tests mount and set the immutable flag.</summary>
    public static bool Available { get; } = Probe();

    /// <summary>CI sets PORTAL_REQUIRE_PEERS=1: there the tests run whatever the probe found, so a missing ability fails them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("PORTAL_REQUIRE_PEERS") == "1";

    /// <summary>A new folder that is a tmpfs of <paramref name="megabytes"/>; disposing it unmounts and removes it.</summary>
    public static SmallDisk Mount(int megabytes)
    {
        var folder = Directory.CreateTempSubdirectory("portal-small-disk-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", folder);
        return new SmallDisk(folder);
    }

    /// <summary>Makes a file or folder immutable until the result is disposed.</summary>
    public static IDisposable Immutable(string path)
    {
        Run("chattr", "+i", path);
        return new Undo(() => Run("chattr", "-i", path));
    }

    /// <summary>Writes a file in <paramref name="folder"/> until its disk is full; returns the file.</summary>
    public static string Fill(string folder)
    {
        var filler = Path.Combine(folder, "filler");
        var block = new byte[64 * 1024];
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // Full; the last bytes that still fitted are written one by one.
        }
        try
        {
            while (true)
            {
                stream.Write(block, 0, 1);
            }
        }
        catch (IOException)
        {
        }
        return filler;
    }

    private static bool Probe()
    {
        if (Environment.UserName != "root")
        {
            return false;
        }
        try
        {
            using var disk = Mount(1);
            var file = Path.Combine(disk.Path, "probe");
            File.WriteAllText(file, "x");
            using (Immutable(file))
            {
            }
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)}: exit {process.ExitCode}: {error}");
        }
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    /// <summary>A mounted tmpfs; disposing it unmounts it and removes its folder.</summary>
    public sealed class SmallDisk(string path) : IDisposable
    {
        public string Path { get; } = path;

        /// <summary>Grows the disk, as freeing room would.</summary>
        public void Grow(int megabytes) => Run("mount", "-o", $"remount,size={megabytes}m", Path);

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", "-l", Path);
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>A test that needs <see cref="DiskFaults"/>: skipped where the machine cannot make them, unless CI requires them.</summary>
public sealed class DiskFaultFactAttribute : FactAttribute
{
    public DiskFaultFactAttribute()
    {
        if (!DiskFaults.Available && !DiskFaults.Required)
        {
            Skip = "mounting a tmpfs and chattr +i need root";
        }
    }
}
