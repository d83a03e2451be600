using System.Net;
using System.Text.RegularExpressions;

namespace DiscoveryPortal.Web.Tests.Pages;

public partial class SearchPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private readonly HttpClient _client = portal.CreateClient();

    [GeneratedRegex("<span id=\"total\">([0-9,]+)</span>")]
    private static partial Regex Total();

    private static int TotalOf(string html) => int.Parse(Total().Match(html).Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_front_page_offers_a_search_box_and_top_facets()
    {
        var html = await _client.GetStringAsync("/");

        Assert.Contains("<form method=\"get\" action=\"/search\" role=\"search\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?mission=Herschel\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?domain=Earth%20Observation\"", html, StringComparison.Ordinal);
        Assert.Contains("Earth Observation Satellite", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_come_with_a_facet_sidebar_chips_and_paging()
    {
        var html = await _client.GetStringAsync("/search?q=Herschel&instrument=PACS");

        Assert.True(TotalOf(html) > 0);
        Assert.Contains("aria-label=\"Remove filter Instrument: PACS\"", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"facet-mission\">Mission</h2>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?q=Herschel&amp;instrument=PACS&amp;instrument=SPIRE\"", html, StringComparison.Ordinal);
        Assert.Contains("<mark>Herschel</mark>", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"next\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<a class=\"facet-value( selected)?\"[^>]*href=\"[^\"]*\"><svg class=\"bar\"[^>]*><rect width=\"([0-9.]+)\"[^>]*/></svg><span class=\"label\">([^<]+)</span> <span class=\"count\">([0-9]+)</span>")]
    private static partial Regex FacetBar();

    [Fact]
    public async Task Each_facet_value_draws_its_count_as_a_bar_and_a_selected_value_reads_as_a_removable_chip()
    {
        var html = await _client.GetStringAsync("/search?q=Herschel&instrument=PACS");
        var section = html[html.IndexOf("<h2 id=\"facet-productType\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        var bars = FacetBar().Matches(section).Select(m => (Width: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Count: int.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();

        Assert.True(bars.Count >= 2, section);
        Assert.Equal(100.0, bars.Max(b => b.Width));
        var largest = bars.Max(b => b.Count);
        Assert.All(bars, b => Assert.Equal(Math.Max(2.0, 100.0 * b.Count / largest), b.Width, 1));
        var instruments = FacetBar().Matches(html).Where(m => m.Groups[1].Success).Select(m => m.Groups[3].Value).ToList();
        Assert.Equal(["PACS"], instruments);
        Assert.Contains("<span class=\"remove\" aria-hidden=\"true\">×</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_maps_are_an_addition_the_form_keeps_its_sky_and_ground_fields_and_the_asset_page_carries_its_footprint()
    {
        var html = await _client.GetStringAsync("/search?q=crab&ra=83.63&dec=22.01&radius=1");

        Assert.Contains("<section id=\"result-maps\" class=\"result-maps\" aria-label=\"Results on maps and in time\" data-hits=\"/api/search?q=crab&amp;ra=83.63&amp;dec=22.01&amp;radius=1&amp;format=json\">", html, StringComparison.Ordinal);
        Assert.Contains("<noscript><link rel=\"stylesheet\" href=\"/css/noscript.css", html, StringComparison.Ordinal);
        Assert.Contains("<input name=\"ra\" value=\"83.63\"", html, StringComparison.Ordinal);
        Assert.Contains("<input name=\"bbox\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/lib/d3-geo/d3-geo.min.js\"", html, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _client.GetAsync("/lib/world-atlas/countries-110m.json")).StatusCode);

        var asset = await _client.GetStringAsync("/assets/" + Uri.EscapeDataString("hst-archive:ul30f5420"));
        var sky = Regex.Match(asset, "id=\"footprint-map\" class=\"footprint-map\" data-sky=\"([^\"]+)\"");
        Assert.True(sky.Success);
        var footprint = System.Text.Json.JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(sky.Groups[1].Value)).RootElement;
        Assert.Equal(80.87229, footprint.GetProperty("ra").GetDouble(), 4);
        Assert.DoesNotContain("data-ground=\"{", asset, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_time_histogram_counts_the_search_without_its_own_dates_per_year_as_the_api_does()
    {
        var html = await _client.GetStringAsync("/search?q=Sentinel-2&start=2019-01-01&end=2019-12-31");
        Assert.Contains("data-timeline=\"/search?handler=timeline&amp;q=Sentinel-2&amp;start=2019-01-01&amp;end=2019-12-31\"", html, StringComparison.Ordinal);

        var bins = System.Text.Json.JsonDocument.Parse(await _client.GetStringAsync("/search?handler=timeline&q=Sentinel-2&start=2019-01-01&end=2019-12-31")).RootElement.EnumerateArray()
            .Select(b => (From: b.GetProperty("from").GetInt32(), Until: b.GetProperty("until").GetInt32(), Count: b.GetProperty("count").GetInt64())).ToList();

        Assert.InRange(bins.Count, 5, 30);
        Assert.True(bins[0].Count > 0 && bins[^1].Count > 0);
        Assert.All(bins.Zip(bins.Skip(1)), pair => Assert.Equal(pair.First.Until + 1, pair.Second.From));
        Assert.Contains(bins, b => b.From < 2019);
        foreach (var bin in new[] { bins[0], bins.First(b => b.From <= 2019 && b.Until >= 2019) })
        {
            var api = await _client.GetAsync($"/api/search?q=Sentinel-2&size=1&format=csv&start={bin.From}-01-01&end={bin.Until}-12-31");
            Assert.Equal(bin.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), api.Headers.GetValues("X-Total-Count").Single());
        }
    }

    [Fact]
    public async Task The_file_format_facet_links_by_file_format_and_the_page_offers_itself_as_tables()
    {
        var html = await _client.GetStringAsync("/search?q=crab");

        Assert.Contains("<h2 id=\"facet-fileFormat\">File format</h2>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?q=crab&amp;fileFormat=application%2Ffits\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/search?q=crab&amp;format=votable\"", html, StringComparison.Ordinal);
        var csv = await _client.GetAsync("/api/search?q=crab&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TotalOf(html).ToString(System.Globalization.CultureInfo.InvariantCulture), csv.Headers.GetValues("X-Total-Count").Single());
        var narrowed = await _client.GetStringAsync("/search?q=crab&fileFormat=application%2Ffits");
        Assert.InRange(TotalOf(narrowed), 1, TotalOf(html));
        Assert.Contains("aria-label=\"Remove filter File format: application/fits\"", narrowed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Selecting_a_facet_narrows_the_total()
    {
        var all = TotalOf(await _client.GetStringAsync("/search?q=survey%20OR%20image%20OR%20scene"));
        var narrowed = TotalOf(await _client.GetStringAsync("/search?q=survey%20OR%20image%20OR%20scene&domain=Earth%20Observation"));

        Assert.InRange(narrowed, 1, all - 1);
    }

    [Fact]
    public async Task Zenodo_STAC_and_OpenSearch_records_of_the_seed_sit_side_by_side_in_the_sidebar()
    {
        const string sources = "source=recorded-zenodo&source=recorded-peps-stac&source=recorded-mundi&source=recorded-peps";
        var html = await _client.GetStringAsync("/search?" + sources);

        Assert.Equal(3 + 6 + 2 + 2, TotalOf(html));
        foreach (var (value, count) in new[] { ("recorded-zenodo", 3), ("recorded-peps-stac", 6), ("recorded-mundi", 2), ("recorded-peps", 2) })
        {
            Assert.Matches($"source={value}[^>]*>(?:(?!</a>).)*<span class=\"count\">{count}</span>", html);
        }
        Assert.Matches("assetType=observation[^>]*>(?:(?!</a>).)*<span class=\"count\">9</span>", html);
        Assert.Matches("assetType=dataset[^>]*>(?:(?!</a>).)*<span class=\"count\">3</span>", html);
        Assert.Matches("mission=Sentinel-2[^>]*>(?:(?!</a>).)*<span class=\"count\">10</span>", html);
    }

    [Fact]
    public async Task No_results_explain_what_to_try()
    {
        var response = await _client.GetAsync("/search?q=zzzqqqxxx");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No results", html, StringComparison.Ordinal);
        Assert.Contains("use other words", html, StringComparison.Ordinal);
        Assert.Contains("no record uses this word", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_filter_is_explained_on_the_page_with_a_400()
    {
        var response = await _client.GetAsync("/search?q=crab&start=yesterday");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<strong>start</strong>", html, StringComparison.Ordinal);
        Assert.Contains("not an ISO 8601 date", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_input_is_escaped()
    {
        var html = await _client.GetStringAsync("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&mission=%3Cimg%20src%3Dx%3E");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_asset_page_shows_overview_details_and_provenance()
    {
        var html = await _client.GetStringAsync("/assets/" + Uri.EscapeDataString("esa-registry:ivo://esavo/hst/tap"));

        Assert.Contains("<h1>ESA Hubble Science Archive TAP service</h1>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"overview\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"details\"", html, StringComparison.Ordinal);
        Assert.Contains("Provenance", html, StringComparison.Ordinal);
        Assert.Contains("https://hst.esac.esa.int/tap-server/tap", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_asset_is_a_404_page()
    {
        var response = await _client.GetAsync("/assets/none%3Athing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No such asset", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portal_hosts_the_api_in_process()
    {
        var response = await _client.GetAsync("/api/search?q=crab&size=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
