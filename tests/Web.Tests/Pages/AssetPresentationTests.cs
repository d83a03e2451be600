using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Web.Pages.Assets;

namespace DiscoveryPortal.Web.Tests.Pages;

/// <summary>The asset page's labels, its citation, and the page itself hiding what a record leaves empty.</summary>
public sealed class AssetPresentationTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("obs_id", "Observation id")]
    [InlineData("cloudCover", "Cloud cover (%)")]
    [InlineData("relativeOrbit", "Relative orbit")]
    [InlineData("processingLevel", "Processing level")]
    [InlineData("eo:snow_cover", "Eo snow cover")]
    [InlineData("target class", "Target class")]
    public void A_raw_detail_key_reads_as_words(string key, string label) => Assert.Equal(label, RecordLabels.Detail(key));

    [Theory]
    [InlineData("https://example.org/records/1", null, "Web page")]
    [InlineData("https://example.org/a/b.fits", null, "FITS file")]
    [InlineData("https://example.org/x", "application/x-safe+zip", "SAFE product (zip)")]
    [InlineData("https://example.org/x", "image/tiff; application=geotiff; profile=cloud-optimized", "Cloud-optimised GeoTIFF")]
    [InlineData("https://example.org/x", "application/x-weird", "File (application/x-weird)")]
    public void An_access_link_is_named_by_what_it_is(string url, string? format, string kind) =>
        Assert.Equal(kind, RecordLabels.Access(new AccessLink(url, Format: format)));

    [Fact]
    public void The_citation_follows_the_DOI_metadata_and_its_BibTeX_escapes_what_would_end_a_field()
    {
        var record = new AssetRecord
        {
            Id = "x:1",
            SourceId = "zenodo",
            Title = "Spectra {of} 50% of M31 & more",
            Doi = "10.5281/zenodo.1",
            Authors = [new Person("Hubble, Edwin"), new Person("Henrietta Leavitt")],
            Published = new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero),
        };

        var citation = Citation.Of(record)!;

        Assert.Equal("Hubble, Edwin; Henrietta Leavitt (2021). Spectra {of} 50% of M31 & more. zenodo. https://doi.org/10.5281/zenodo.1", citation.Text);
        Assert.StartsWith("@misc{Hubble2021,\n  author = {Hubble, Edwin and Henrietta Leavitt},\n", citation.BibTeX, StringComparison.Ordinal);
        Assert.Contains(@"title = {{Spectra \{of\} 50\% of M31 \& more}},", citation.BibTeX, StringComparison.Ordinal);
        Assert.Contains("doi = {10.5281/zenodo.1}", citation.BibTeX, StringComparison.Ordinal);
        Assert.Null(Citation.Of(record with { Doi = null }));
    }

    [Fact]
    public async Task The_asset_page_hides_empty_fields_labels_raw_keys_and_access_links_and_cites_a_DOI()
    {
        using var client = portal.CreateClient();
        var hst = await client.GetStringAsync("/assets/" + Uri.EscapeDataString("recorded-dachs:ivo://portal.test/portalobs?hst/i7456153"));

        var fields = hst[hst.IndexOf("id=\"details-title\"", StringComparison.Ordinal)..hst.IndexOf("<h3>Provenance", StringComparison.Ordinal)];
        Assert.Contains("<tr data-key=\"obs_id\"><th scope=\"row\">Observation id</th>", fields, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Mission family</th><td>Astronomy</td>", fields, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"row\">Authors</th>", fields, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"row\">DOI</th>", fields, StringComparison.Ordinal);
        Assert.DoesNotContain("<td></td>", fields, StringComparison.Ordinal);
        Assert.Contains("<span class=\"access-kind\">FITS file</span>", hst, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cite\"", hst, StringComparison.Ordinal);

        var zenodo = await client.GetStringAsync("/assets/" + Uri.EscapeDataString("recorded-zenodo:8250014"));
        Assert.Contains("<span class=\"access-kind\">Web page</span>: <a href=\"https://zenodo.org/records/8250015\"", zenodo, StringComparison.Ordinal);
        Assert.Contains("<section id=\"cite\"", zenodo, StringComparison.Ordinal);
        Assert.Contains("Chang, Will; Cathcart, Chundra; Hall, David; Garrett, Andrew (2023).", zenodo, StringComparison.Ordinal);
        Assert.Contains("@misc{Chang2023,", zenodo, StringComparison.Ordinal);
    }
}
