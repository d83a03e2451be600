using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Tests.Normalisation;

public class RecordNormaliserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly RecordNormaliser _normaliser = new(TestData.Missions, new FixedClock(Now));

    private static AssetRecord Record(string? mission) => new()
    {
        Id = "s:1",
        SourceId = "s",
        Title = "  A   title  ",
        Mission = mission,
        Domain = "earth observation",
        Wavebands = ["Optical", "optical", "UV"],
        ProductTypes = ["Spectra"],
        Formats = ["IMAGE/FITS"],
        Instruments = ["MSI", "MSI", " "],
    };

    [Fact]
    public void A_satellite_given_as_mission_becomes_the_mission_with_the_satellite_as_platform()
    {
        var r = _normaliser.Normalise(Record("Sentinel-2B"));

        Assert.Equal("Sentinel-2", r.Mission);
        Assert.Equal("Earth Observation Satellite", r.MissionFamily);
        Assert.Equal("Sentinel-2B", r.Platform);
    }

    [Fact]
    public void An_alias_is_not_mistaken_for_a_platform()
    {
        var r = _normaliser.Normalise(Record("Hubble"));

        Assert.Equal("HST", r.Mission);
        Assert.Null(r.Platform);
    }

    [Fact]
    public void An_unknown_mission_is_kept_under_the_family_Other()
    {
        var r = _normaliser.Normalise(Record("Tarn Valley Balloon 7"));

        Assert.Equal("Tarn Valley Balloon 7", r.Mission);
        Assert.Equal("Other", r.MissionFamily);
    }

    [Fact]
    public void Puts_values_onto_the_controlled_vocabularies()
    {
        var r = _normaliser.Normalise(Record("Sentinel-2"));

        Assert.Equal("A title", r.Title);
        Assert.Equal(Domains.EarthObservation, r.Domain);
        Assert.Equal(["optical", "ultraviolet"], r.Wavebands);
        Assert.Equal(["spectrum"], r.ProductTypes);
        Assert.Equal(["image/fits"], r.Formats);
        Assert.Equal(["MSI"], r.Instruments);
        Assert.Equal(Now, r.HarvestedAt);
    }

    [Fact]
    public void Sanitises_html_descriptions_and_derives_plain_text()
    {
        var r = _normaliser.Normalise(Record(null) with
        {
            DescriptionHtml = "<p onclick=\"x()\">Hello <script>alert(1)</script><a href=\"javascript:alert(1)\">there</a></p>",
        });

        Assert.Equal("<p>Hello <a>there</a></p>", r.DescriptionHtml);
        Assert.Equal("Hello there", r.Description);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Bidirectional_formatting_characters_are_taken_out_of_displayed_text()
    {
        var r = _normaliser.Normalise(Record("HST") with
        {
            Title = "invoice\u202efdp.exe",
            Description = "left\u2066isolated\u2069 and \u200emarked\u200f \u061c",
            Keywords = ["\u202akey\u202c"],
            Authors = [new Person("Ann\u202d Author")],
            Access = [new AccessLink("https://data.example/a.fits", "file\u202e.stif")],
        });

        Assert.Equal("invoicefdp.exe", r.Title);
        Assert.Equal("leftisolated and marked", r.Description);
        Assert.Equal(["key"], r.Keywords);
        Assert.Equal("Ann Author", r.Authors[0].Name);
        Assert.Equal("file.stif", r.Access[0].Title);
    }
}
