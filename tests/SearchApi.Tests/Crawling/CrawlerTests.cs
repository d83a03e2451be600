using System.Xml.Linq;
using DiscoveryPortal.Connectors.OpenSearch;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.SearchApi.Tests.Clients;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Crawling;

/// <summary>
/// What crawlers and browsers read: robots.txt, the paged sitemap index (checked by xmllint against the sitemaps.org
/// schemas, and holding every live asset page once), and the OpenSearch description (read by the project's own
/// OpenSearch connector, which reads public archives' descriptions).
/// </summary>
public sealed class CrawlerTests : IAsyncLifetime
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private readonly LiveApiServer _server = new() { Settings = ["--Sitemap:PageSize=500"] };

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    private async Task<string> GetAsync(string path, string type)
    {
        using var answer = await _server.Client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith(type, answer.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        return await answer.Content.ReadAsStringAsync();
    }

    private static void AssertValid(string xml, string schema, string what)
    {
        if (ExternalClient.Xmllint.Available)
        {
            SchemaCheck.AssertValid(xml, what, "Crawling", "Schemas", schema);
        }
    }

    [Fact]
    public async Task Robots_keep_crawlers_to_the_pages_and_name_the_sitemap()
    {
        var robots = await GetAsync("/robots.txt", "text/plain");
        Assert.Contains("Allow: /assets/", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /search?*cursor=", robots, StringComparison.Ordinal);
        Assert.DoesNotContain("Disallow: /search\n", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /api/", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /account\n", robots, StringComparison.Ordinal);
        // The curation forms are kept from crawlers by their sign-in (a crawler is redirected to /account/login).
        Assert.DoesNotContain("Disallow: /curate", robots, StringComparison.Ordinal);
        Assert.Contains($"Sitemap: {_server.BaseUrl.TrimEnd('/')}/sitemap.xml", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sitemap_index_pages_every_live_asset_once_and_leaves_withdrawn_ones_out()
    {
        var catalog = _server.Services.GetRequiredService<ICatalogStore>();
        var withdrawn = (await catalog.StampsAsync(1, 1, CancellationToken.None)).Assets.Single().Id;
        using (var write = catalog.BeginWrite())
        {
            await catalog.WithdrawAsync(write, [withdrawn], CancellationToken.None);
            write.Commit();
        }

        var indexText = await GetAsync("/sitemap.xml", "application/xml");
        AssertValid(indexText, "siteindex.xsd", "the sitemap index");
        var maps = XDocument.Parse(indexText).Descendants(Sitemap + "loc").Select(l => new Uri(l.Value)).ToList();
        Assert.Equal(new Uri(_server.BaseUrl.TrimEnd('/') + "/sitemaps/site.xml"), maps[0]);

        var pages = new List<string>();
        foreach (var map in maps)
        {
            var text = await GetAsync(map.PathAndQuery, "application/xml");
            AssertValid(text, "sitemap.xsd", map.PathAndQuery);
            var urls = XDocument.Parse(text).Descendants(Sitemap + "loc").Select(l => l.Value).ToList();
            Assert.InRange(urls.Count, 1, 500);
            pages.AddRange(urls);
        }
        var assets = pages.Where(p => p.Contains("/assets/", StringComparison.Ordinal)).ToList();
        var live = await catalog.CountAsync(CancellationToken.None);
        Console.WriteLine($"{maps.Count} sitemaps, {assets.Count:N0} asset pages");
        Assert.True(maps.Count > 3, "the seeded catalogue takes several sitemaps of 500");
        Assert.Equal(live, assets.Count);
        Assert.Equal(assets.Count, assets.Distinct().Count());
        Assert.DoesNotContain(_server.BaseUrl.TrimEnd('/') + "/assets/" + Uri.EscapeDataString(withdrawn), assets);

        using var beyond = await _server.Client.GetAsync($"/sitemaps/assets-{maps.Count + 5}.xml");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Fact]
    public async Task The_opensearch_description_is_read_by_the_opensearch_connector_and_its_templates_answer()
    {
        var text = await GetAsync("/opensearch.xml", "application/opensearchdescription+xml");
        var description = OpenSearchDescription.Parse(text, "/opensearch.xml");
        Assert.Equal("Discovery Portal", description.ShortName);
        Assert.Contains(description.Urls, u => u.Type == "text/html" && u.Template.Contains("/search?q={searchTerms}", StringComparison.Ordinal));

        // The connector picks the answer it can read best and fills its template, as it does for public archives.
        var results = description.ResultsUrl()!;
        Assert.Equal("application/atom+xml", results.Type);
        var filled = results.Parse().Fill(new Dictionary<(string, string), string>
        {
            [(OpenSearchNamespaces.OpenSearch, "searchTerms")] = "Herschel",
            [(OpenSearchNamespaces.OpenSearch, "count")] = "3",
        });
        using var answer = await _server.Client.GetAsync(filled.PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Herschel", await answer.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
