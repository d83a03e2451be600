using System.Diagnostics;
using Dapper;
using DiscoveryPortal.Indexer.Cli;
using Microsoft.Data.Sqlite;

namespace DiscoveryPortal.Indexer.Tests.Cli;

/// <summary>
/// The command line on a full disk, a read-only catalogue file or folder, and a catalogue another process
/// keeps locked: one plain sentence saying what happened and how far the command got, an exit code of
/// its own, no stack trace, and nothing partial stored. The command runs as its own process, as people run it.
/// </summary>
public sealed class CatalogFaultTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-faults-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "data-samples")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("no data-samples/ above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Exit, string Output, string Error)> Indexer(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "Indexer", "bin", configuration, "net10.0", "DiscoveryPortal.Indexer.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        return (process.ExitCode, await output, await error);
    }

    private string Csv(int rows)
    {
        var csv = Path.Combine(_directory, "team.csv");
        var padding = new string('x', 400); // about half a kilobyte a row
        File.WriteAllLines(csv, new[] { "id,title,domain,description" }.Concat(Enumerable.Range(1, rows).Select(i => $"row{i},Record {i},Space Science,{padding} {i}")));
        return csv;
    }

    private static (long Assets, long Curations, long Sequence, long Audit) Stored(string catalog)
    {
        using var connection = new SqliteConnection($"Data Source={catalog};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return (connection.ExecuteScalar<long>("SELECT count(*) FROM assets"), connection.ExecuteScalar<long>("SELECT count(*) FROM curations"),
            connection.ExecuteScalar<long>("SELECT value FROM catalog_sequence"), connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'import'"));
    }

    /// <summary>A catalogue with its schema and nothing else, closed (its write-ahead log folded in).</summary>
    private static string NewCatalogue(string folder)
    {
        var path = Path.Combine(folder, "catalog.db");
        _ = new DiscoveryPortal.Indexer.Sqlite.SqliteDatabase(path).SchemaVersion;
        SqliteConnection.ClearAllPools();
        return path;
    }

    [DiskFaultFact]
    public async Task A_full_disk_stops_an_import_after_its_last_whole_batch_and_says_so_and_a_run_with_room_finishes_it()
    {
        using var disk = DiskFaults.Mount(10);
        var catalog = NewCatalogue(disk.Path);
        var csv = Csv(12_000);
        // The index lives elsewhere here, so that it is the catalogue that meets the full disk.
        var environment = new Dictionary<string, string> { ["PORTAL_Catalog__IndexPath"] = Path.Combine(_directory, "catalog.index") };

        var full = await Indexer(environment, "import", csv, "--catalog", catalog);

        Assert.True(full.Exit == ExitCodes.DiskFull, $"exit {full.Exit}: {full.Error}");
        var line = Assert.Single(full.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(line,
            $@"^import: the disk holding {System.Text.RegularExpressions.Regex.Escape(disk.Path)} is full; nothing after row [\d,]+ was stored; run again when there is room$"), line);
        Assert.DoesNotContain("   at ", full.Error, StringComparison.Ordinal);
        var through = long.Parse(line.Split("after row ")[1].Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        var stored = Stored(catalog);
        Assert.True(stored.Assets > 0 && stored.Assets < 12_000, $"{stored.Assets} stored");
        // Whole batches only: every row through the one named is stored, with its curation, change number and the batch's audit entry.
        Assert.Equal((through - 1, through - 1, through - 1, (through - 1) / 2000), stored);

        disk.Grow(64);
        var again = await Indexer(environment, "import", csv, "--catalog", catalog);
        Assert.True(again.Exit == ExitCodes.Done, $"exit {again.Exit}: {again.Error}");
        Assert.Contains($"added {12_000 - stored.Assets}, updated 0, unchanged {stored.Assets}", again.Output, StringComparison.Ordinal);
        Assert.Equal(12_000, Stored(catalog).Assets);
    }

    [DiskFaultFact]
    public async Task A_read_only_catalogue_file_or_folder_is_said_so_with_its_own_exit_code_and_nothing_is_stored()
    {
        var csv = Csv(10);
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "file")).FullName;
        var catalog = NewCatalogue(folder);
        (int Exit, string Output, string Error) readOnlyFile;
        using (DiskFaults.Immutable(catalog))
        {
            readOnlyFile = await Indexer(new Dictionary<string, string>(), "import", csv, "--catalog", catalog);
        }
        Assert.True(readOnlyFile.Exit == ExitCodes.ReadOnly, $"exit {readOnlyFile.Exit}: {readOnlyFile.Error}");
        Assert.Equal($"import: the catalogue {catalog} is read-only (it or the folder holding it cannot be written); nothing was stored; run again once it can be written",
            readOnlyFile.Error.Trim());
        Assert.Equal(0, Stored(catalog).Assets);

        var emptyFolder = Directory.CreateDirectory(Path.Combine(_directory, "folder")).FullName;
        var inFolder = Path.Combine(emptyFolder, "catalog.db");
        (int Exit, string Output, string Error) readOnlyFolder;
        using (DiskFaults.Immutable(emptyFolder))
        {
            readOnlyFolder = await Indexer(new Dictionary<string, string>(), "import", csv, "--catalog", inFolder);
        }
        Assert.True(readOnlyFolder.Exit == ExitCodes.ReadOnly, $"exit {readOnlyFolder.Exit}: {readOnlyFolder.Error}");
        Assert.StartsWith($"import: the catalogue {inFolder} is read-only", readOnlyFolder.Error.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", readOnlyFolder.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(inFolder));
    }

    [Fact]
    public async Task A_catalogue_another_process_keeps_locked_is_busy_with_its_own_exit_code_and_bad_rows_keep_theirs()
    {
        var catalog = NewCatalogue(_directory);
        var csv = Csv(10);
        using (var holder = new SqliteConnection($"Data Source={catalog};Pooling=False"))
        {
            holder.Open();
            holder.Execute("BEGIN IMMEDIATE");
            var busy = await Indexer(new Dictionary<string, string> { ["PORTAL_Catalog__BusySeconds"] = "1" }, "import", csv, "--catalog", catalog);
            Assert.True(busy.Exit == ExitCodes.Busy, $"exit {busy.Exit}: {busy.Error}");
            Assert.Equal($"import: the catalogue {catalog} is busy: another process kept it locked for writing; nothing was stored; run again when the other process is done", busy.Error.Trim());
            holder.Execute("ROLLBACK");
        }
        Assert.Equal(0, Stored(catalog).Assets);

        File.AppendAllText(csv, "bad,Bad domain,Astrology,x\n");
        var problems = await Indexer(new Dictionary<string, string>(), "import", csv, "--catalog", catalog);
        Assert.Equal(ExitCodes.Problems, problems.Exit);
        Assert.Equal(10, Stored(catalog).Assets);
        Assert.NotEqual(ExitCodes.Problems, ExitCodes.Busy);
    }
}
