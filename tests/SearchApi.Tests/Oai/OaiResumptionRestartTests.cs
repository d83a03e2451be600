using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;

namespace DiscoveryPortal.SearchApi.Tests.Oai;

/// <summary>A resumption token holds no server state: the next page it names is read by a portal started after the one that gave it.</summary>
public sealed class OaiResumptionRestartTests : IDisposable
{
    private static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-oai-restart-" + Guid.NewGuid().ToString("N"));

    private async Task<(WebApplication App, HttpClient Client)> StartAsync()
    {
        var app = Program.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Catalog:Path={Path.Combine(_directory, "catalog.db")}",
            "--Logging:LogLevel:Default=Warning",
            "--Oai:PageSize=50",
            "--Harvest:Scheduled=false",
        ]);
        await app.SeedCatalogAsync();
        await app.StartAsync();
        app.Configuration["Portal:PublicUrl"] = app.Urls.First();
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    private static async Task<(List<string> Identifiers, string? Token)> PageAsync(HttpClient client, string query)
    {
        var doc = XDocument.Parse(await client.GetStringAsync("/oai?" + query));
        var error = doc.Descendants(Oai + "error").SingleOrDefault();
        Assert.True(error is null, $"{query}: {error?.Attribute("code")?.Value} {error?.Value}");
        return (doc.Descendants(Oai + "identifier").Select(i => i.Value).ToList(), doc.Descendants(Oai + "resumptionToken").SingleOrDefault()?.Value);
    }

    [Fact]
    public async Task A_token_given_before_a_restart_reads_the_same_next_page_after_it()
    {
        const string first = "verb=ListIdentifiers&metadataPrefix=oai_datacite&set=domain:space-science";
        var (app, client) = await StartAsync();
        string token;
        List<string> expected;
        await using (app)
        {
            using (client)
            {
                (_, var given) = await PageAsync(client, first);
                token = given!;
                (expected, _) = await PageAsync(client, "verb=ListIdentifiers&resumptionToken=" + Uri.EscapeDataString(token));
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        (app, client) = await StartAsync();
        await using (app)
        {
            using (client)
            {
                var (after, _) = await PageAsync(client, "verb=ListIdentifiers&resumptionToken=" + Uri.EscapeDataString(token));
                Assert.Equal(50, after.Count);
                Assert.Equal(expected, after);
            }
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
    }
}
