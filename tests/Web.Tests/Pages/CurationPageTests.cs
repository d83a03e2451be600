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
        var account = await portal.Services.GetRequiredService<AccountStore>().CreateAsync("herschel-team", "a long enough password", Roles.Curator, [hit.SourceId]);
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

        await portal.Services.GetRequiredService<AccountStore>().CreateAsync("reader-only", "a long enough password", Roles.Researcher);
        using var researcher = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await researcher.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<t>[^\"]+)\"").Groups["t"].Value;
        var signedIn = await researcher.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "reader-only",
            ["password"] = "a long enough password",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var refused = await researcher.GetAsync("/curate/record");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var denied = await researcher.GetAsync(refused.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
