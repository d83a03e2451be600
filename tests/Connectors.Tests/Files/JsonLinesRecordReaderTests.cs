using DiscoveryPortal.Connectors.Files;

namespace DiscoveryPortal.Connectors.Tests.Files;

public class JsonLinesRecordReaderTests
{
    [Fact]
    public void Reads_records_and_reports_broken_lines_without_stopping()
    {
        var text = """
            {"id": "x1", "title": "Good", "domain": "Space Science"}
            {"id": "x2", "title": 
            [1, 2]

            {"id": "x3", "title": "Also good", "sourceId": "other", "sky": {"ra": 1, "dec": 2, "radius": 0.1}}
            {"title": "No id"}
            """;

        var rows = JsonLinesRecordReader.Read(new StringReader(text), "file").ToList();

        Assert.Equal(5, rows.Count);
        Assert.Equal("file:x1", rows[0].Record!.Id);
        Assert.Contains("not valid JSON", rows[1].Problems[0].Reason, StringComparison.Ordinal);
        Assert.Equal("row", rows[2].Problems[0].Field);
        Assert.Equal("other:x3", rows[3].Record!.Id);
        Assert.Equal(5, rows[3].Row);
        Assert.Equal("id", rows[4].Problems[0].Field);
    }

    [Fact]
    public void Every_seed_file_reads_without_a_problem()
    {
        foreach (var file in Directory.EnumerateFiles(TestData.Path("data-samples", "seed")))
        {
            var rows = RecordFileReader.Read(file, Path.GetFileNameWithoutExtension(file)).ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.True(r.IsValid, $"{Path.GetFileName(file)} row {r.Row}: {string.Join("; ", r.Problems)}"));
        }
    }
}
