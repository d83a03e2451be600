using DiscoveryPortal.Connectors.Files;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Tests.Files;

public class CsvRecordReaderTests
{
    private const string Header = "id,title,domain,mission,instruments,assetType,ra,dec,radius,bbox,start,end,accessUrls,authors\n";

    private static List<RecordFileRow> Read(string body) => CsvRecordReader.Read(new StringReader(Header + body), "upload").ToList();

    [Fact]
    public void Reads_a_good_row_with_lists_and_footprint()
    {
        var row = Assert.Single(Read("a1,\"M31 in the optical\",Space Science,HST,WFC3;ACS,observation,10.68,41.27,0.05,,2010-01-01,2010-01-02T03:00:00Z,https://x.org/a1,Jane Doe|0000-0001-2345-6789|ESA\n"));

        Assert.True(row.IsValid, string.Join("; ", row.Problems));
        var r = row.Record!;
        Assert.Equal("upload:a1", r.Id);
        Assert.Equal(["WFC3", "ACS"], r.Instruments);
        Assert.Equal(AssetType.Observation, r.AssetType);
        Assert.Equal(new SkyFootprint(10.68, 41.27, 0.05), r.Sky);
        Assert.Equal(new DateTimeOffset(2010, 1, 2, 3, 0, 0, TimeSpan.Zero), r.Time!.End);
        Assert.Equal(new Person("Jane Doe", "0000-0001-2345-6789", "ESA"), Assert.Single(r.Authors));
    }

    [Theory]
    [InlineData(",No id,Space Science,,,,,,,,,,,", "id")]
    [InlineData("b,,Space Science,,,,,,,,,,,", "title")]
    [InlineData("c,T,Astrology,,,,,,,,,,,", "domain")]
    [InlineData("d,T,Space Science,,,starship,,,,,,,,", "assetType")]
    [InlineData("e,T,Space Science,,,,abc,1,1,,,,,", "ra")]
    [InlineData("f,T,Space Science,,,,400,1,1,,,,,", "sky")]
    [InlineData("g,T,Space Science,,,,,,,\"1,2,3\",,,,", "bbox")]
    [InlineData("h,T,Space Science,,,,,,,,yesterday,,,", "start")]
    [InlineData("i,T,Space Science,,,,,,,,2020-01-02,2020-01-01,,", "time")]
    [InlineData("j,T,Space Science,,,,,,,,,,javascript:alert(1),", "access")]
    [InlineData("k,T,Space Science", "row")]
    public void A_bad_row_names_the_field_at_fault(string line, string field)
    {
        var row = Assert.Single(Read(line + "\n"));

        Assert.False(row.IsValid);
        Assert.Null(row.Record);
        Assert.Contains(row.Problems, p => p.Field == field);
    }

    [Fact]
    public void Good_rows_around_a_bad_one_are_kept_with_their_row_numbers()
    {
        var rows = Read("a,One,Space Science,,,,,,,,,,,\nb,Two,Nowhere,,,,,,,,,,,\nc,Three,Earth Observation,,,,,,,,,,,\n");

        Assert.Equal([true, false, true], rows.Select(r => r.IsValid));
        Assert.Equal([2L, 3L, 4L], rows.Select(r => r.Row));
    }
}
