using System.Text.Json;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Connectors.Tests.VoTable;

/// <summary>What the portal writes as VOTable (basket exports) reads back the same here and in astropy.</summary>
public sealed class VoTableWriterTests
{
    private static readonly VoColumn[] Columns = [new("id", "char", "meta.id;meta.main"), new("size", "long", Unit: "byte"), new("ra", "double", "pos.eq.ra", "deg"), new("title", "char")];

    private static readonly IReadOnlyList<object?>[] Rows =
    [
        ["hst:a", 1234L, 10.68, "M31 <B> & \"R\""],
        ["s2:b", null, null, "Alps, 2021 \u00e9t\u00e9 \u0001control"],
    ];

    private static string Write()
    {
        var path = Path.Combine(Path.GetTempPath(), $"portal-written-{Guid.NewGuid():N}.vot");
        using (var file = File.Create(path))
        {
            VoTableWriter.Write(file, "basket", "a test", Columns, Rows);
        }
        return path;
    }

    [Fact]
    public void What_is_written_reads_back_cell_for_cell()
    {
        var path = Write();
        try
        {
            using var stream = File.OpenRead(path);
            var (meta, rows) = VoTableReader.ReadAll(stream).Tables.Single();
            Assert.Equal(["id", "size", "ra", "title"], meta.Fields.Select(f => f.Name));
            Assert.Equal(["hst:a", 1234L, 10.68, "M31 <B> & \"R\""], rows[0]);
            Assert.Equal(["s2:b", null, null, "Alps, 2021 été control"], rows[1]); // a control character XML cannot hold is dropped
        }
        finally
        {
            File.Delete(path);
        }
    }

    [AstropyFact]
    public void Astropy_reads_it_the_same()
    {
        var path = Write();
        try
        {
            var (exit, stdout, stderr) = Astropy.Run(Astropy.Script("astropy_dump.py"), path);
            Assert.True(exit == 0, stderr);
            using var dump = JsonDocument.Parse(stdout);
            var rows = dump.RootElement.GetProperty("tables")[0].GetProperty("rows");
            Assert.Equal("hst:a", rows[0][0].GetString());
            Assert.Equal(1234, rows[0][1].GetInt64());
            Assert.Equal(10.68, rows[0][2].GetDouble());
            Assert.Equal("M31 <B> & \"R\"", rows[0][3].GetString());
            Assert.Equal(JsonValueKind.Null, rows[1][2].ValueKind);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
