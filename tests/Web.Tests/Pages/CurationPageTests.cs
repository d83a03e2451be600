using System.Net;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Curation;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Search.Query;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Web.Tests.Pages;

public sealed class CurationPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task The_asset_page_says_which_fields_a_team_registered_over_the_source_record()
    {
        var hit = (await portal.Services.GetRequiredService<ISearchIndex>().SearchAsync(new SearchRequest { Query = QueryParser.Parse("Herschel PACS"), Size = 1 }, CancellationToken.None)).Hits[0].Record;
        var account = await portal.Services.GetRequiredService<AccountService>().CreateAsync("herschel-team", "a long enough password", Roles.Curator, [hit.SourceId]);
        var result = await portal.Services.GetRequiredService<RecordCuration>().RegisterAsync(
            hit with { Title = "PACS spectra, as the instrument team describes them", Authors = [], Keywords = ["team-curated"] }, account, CancellationToken.None);
        Assert.Equal(CurationOutcome.Done, result.Outcome);
        Assert.Equal(hit.Id, result.Record!.Id);

        using var client = portal.CreateClient();
        var page = await client.GetStringAsync($"/assets/{Uri.EscapeDataString(hit.Id)}");
        Assert.Contains("<h1>PACS spectra, as the instrument team describes them</h1>", page, StringComparison.Ordinal);
        Assert.Contains($"<tr data-field=\"title\"><th scope=\"row\">Title</th><td>registered by herschel-team ({WebUtility.HtmlEncode(hit.Id)})", page, StringComparison.Ordinal);
        Assert.Contains($"<tr data-field=\"keywords\"><th scope=\"row\">Keywords</th><td>registered by herschel-team", page, StringComparison.Ordinal);
        Assert.Contains($"<tr data-field=\"authors\"><th scope=\"row\">Authors</th><td>harvested from {hit.SourceId}</td></tr>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curation_pages_send_anonymous_visitors_to_sign_in_and_refuse_researchers()
    {
        using var anonymous = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "/curate/record", "/curate/import", "/sources/new" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/sources")).StatusCode);

        await portal.Services.GetRequiredService<AccountService>().CreateAsync("reader-only", "a long enough password", Roles.Researcher);
        using var researcher = await SignedInAsync("reader-only");
        var refused = await researcher.GetAsync("/curate/record");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var denied = await researcher.GetAsync(refused.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task The_source_form_offers_every_kinds_options_and_names_a_mistyped_one_before_probing()
    {
        await portal.Services.GetRequiredService<AccountService>().CreateAsync("cmr-curator", "a long enough password", Roles.Curator, ["cmr-team"]);
        using var curator = await SignedInAsync("cmr-curator");
        var form = await curator.GetStringAsync("/sources/new");
        foreach (var field in new[] { "tap-obscore.table", "zenodo.community", "stac-api.collections", "opensearch.query", "cmr.provider", "cmr.conceptType", "oai-pmh.metadataPrefix" })
        {
            Assert.Contains($"name=\"{field}\"", form, StringComparison.Ordinal);
        }
        Assert.Contains("<option value=\"cmr\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"recorded-obscore\"", form, StringComparison.Ordinal);

        var answer = await curator.PostAsync("/sources/new/probe", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = "cmr-team",
            ["Kind"] = "cmr",
            ["Url"] = "https://cmr.earthdata.nasa.gov/search/",
            ["cmr.conceptType"] = "granules",
            ["cmr.provider"] = "LAADS",
            ["cmr.bbox"] = "5.9, 45.8, ten, 47.8",
            ["__RequestVerificationToken"] = Token(form),
        }));
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("CMR: box west,south,east,north: &#x27;5.9, 45.8, ten, 47.8&#x27; is not a comma-separated list of numbers", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"probe-answer\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"LAADS\"", page, StringComparison.Ordinal); // what was typed is shown again
    }

    private static string Token(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<t>[^\"]+)\"").Groups["t"].Value;

    private async Task<HttpClient> SignedInAsync(string name)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.GetStringAsync("/account/login");
        var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = name,
            ["password"] = "a long enough password",
            ["__RequestVerificationToken"] = Token(login),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }
}
