using DiscoveryPortal.Indexer.Cli;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Search.Query;

namespace DiscoveryPortal.Indexer.Tests.Cli;

public sealed class ImportCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-cli-" + Guid.NewGuid().ToString("N"));

    public ImportCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var exit = await IndexerCommands.Build().Parse(args).InvokeAsync();
            return (exit, output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Fact]
    public async Task Imports_the_good_rows_and_reports_the_bad_ones_by_row_and_field()
    {
        var csv = Path.Combine(_directory, "upload.csv");
        await File.WriteAllTextAsync(csv,
            "id,title,domain,mission,start\n" +
            "a,Crab nebula mosaic,Space Science,Hubble,2001-01-01\n" +
            "b,Bad domain,Astrology,,\n" +
            "c,Bad date,Space Science,,yesterday\n" +
            "d,Alps scene,Earth Observation,Sentinel-2A,2021-07-01\n");
        var catalog = Path.Combine(_directory, "catalog.db");

        var dry = await Run("import", csv, "--catalog", catalog, "--dry-run");
        Assert.Equal(1, dry.Exit);
        Assert.Contains("row 3: domain 'Astrology' is not one of", dry.Output, StringComparison.Ordinal);
        Assert.Contains("row 4: start 'yesterday' is not an ISO 8601 date", dry.Output, StringComparison.Ordinal);
        Assert.Contains("2 valid rows, 2 rows with problems; nothing stored", dry.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(catalog));

        var run = await Run("import", csv, "--catalog", catalog);
        Assert.Equal(1, run.Exit);
        Assert.Contains("added 2, updated 0, unchanged 0, removed 0, failed 2", run.Output, StringComparison.Ordinal);

        using var opened = new TestCatalog(catalog);
        var result = await opened.SearchAsync(new SearchRequest { Query = QueryParser.Parse("mission:HST crab") });
        Assert.Equal("upload:a", Assert.Single(result.Hits).Record.Id);

        var again = await Run("import", csv, "--catalog", catalog);
        Assert.Contains("added 0, updated 0, unchanged 2", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_or_nothing_stores_nothing_from_a_file_with_one_bad_row()
    {
        var csv = Path.Combine(_directory, "strict.csv");
        await File.WriteAllTextAsync(csv,
            "id,title,productTypes,wavebands\n" +
            "a,Good spectrum,spectrum,optical\n" +
            "b,Misspelt product,imgae,optical\n" +
            "c,Unknown band,image,ultraviolett\n");
        var catalog = Path.Combine(_directory, "catalog.db");
        var run = await Run("import", csv, "--catalog", catalog, "--all-or-nothing");
        Assert.Equal(1, run.Exit);
        Assert.Contains("row 3: productTypes 'imgae' is not one of image, cube", run.Output, StringComparison.Ordinal);
        Assert.Contains("row 4: wavebands 'ultraviolett' is not one of", run.Output, StringComparison.Ordinal);
        Assert.Contains("nothing stored: 1 valid rows, 2 rows with problems", run.Output, StringComparison.Ordinal);
        using var opened = new TestCatalog(catalog);
        Assert.Equal(0, (await opened.SearchAsync(new SearchRequest())).Total);
    }

    [Fact]
    public async Task A_missing_file_or_unknown_format_is_a_clear_error()
    {
        var missing = await Run("import", Path.Combine(_directory, "nope.csv"));
        Assert.Equal(2, missing.Exit);

        var xml = Path.Combine(_directory, "records.xml");
        await File.WriteAllTextAsync(xml, "<x/>");
        var unknown = await Run("import", xml);
        Assert.Equal(2, unknown.Exit);
    }
}
