using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Launch;

namespace DiscoveryPortal.Indexer.Tests.Launch;

public sealed class BasketExportTests
{
    private static string Csv(AssetRecord record)
    {
        var text = new StringWriter();
        BasketExport.WriteCsv(text, [record]);
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].TrimEnd('\r');
    }

    /// <summary>The row's cells by column name, as a CSV reader reads them.</summary>
    private static Dictionary<string, string> Cells(AssetRecord record)
    {
        var text = new StringWriter();
        BasketExport.WriteCsv(text, [record]);
        using var parser = new CsvHelper.CsvParser(new StringReader(text.ToString()), System.Globalization.CultureInfo.InvariantCulture);
        parser.Read();
        var header = parser.Record!;
        parser.Read();
        return header.Zip(parser.Record!).ToDictionary(p => p.First, p => p.Second);
    }

    private static AssetRecord Record(string title, string url = "https://archive.example/a.fits") => new()
    {
        Id = "hst:a",
        SourceId = "hst",
        Title = title,
        Access = [new AccessLink(url, null, "image/fits")],
        Sky = new SkyFootprint(-5.38183, -69.75, 0.1),
        Time = new TimeRange(new DateTimeOffset(2026, 10, 30, 9, 17, 41, TimeSpan.Zero), new DateTimeOffset(2026, 10, 30, 10, 0, 0, TimeSpan.FromHours(2))),
    };

    [Fact]
    public void Negative_numbers_stay_numbers_and_times_are_ISO_8601_in_UTC()
    {
        var row = Csv(Record("Tarantula"));
        var cells = Cells(Record("Tarantula"));

        Assert.Contains(",-5.38183,-69.75,", row, StringComparison.Ordinal);
        Assert.Equal("2026-10-30T09:17:41Z", cells["time.start"]);
        Assert.Equal("2026-10-30T08:00:00Z", cells["time.end"]);
        Assert.Equal("https://archive.example/a.fits", cells["access.url"]);
        Assert.Equal("image/fits", cells["access.format"]);
        Assert.DoesNotContain("'", row, StringComparison.Ordinal);
    }

    [Fact]
    public void A_culture_with_other_dates_and_decimal_commas_does_not_change_the_export()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
            var cells = Cells(Record("Tarantula"));
            Assert.Equal(["-5.38183", "-69.75", "2026-10-30T09:17:41Z", "2026-10-30T08:00:00Z"], new[] { cells["sky.ra"], cells["sky.dec"], cells["time.start"], cells["time.end"] });
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-2+3 spectra", "'-2+3 spectra")]
    [InlineData("\tlead", "'\tlead")]
    [InlineData("-5.5", "-5.5")]
    [InlineData("+12", "+12")]
    [InlineData("M-31 in H-alpha", "M-31 in H-alpha")]
    public void Only_cells_a_spreadsheet_would_run_are_neutralised(string title, string cell) =>
        Assert.StartsWith($"hst:a,{cell},dataset,", Csv(Record(title)), StringComparison.Ordinal);
}
