using System.Globalization;
using System.Text;
using System.Xml;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.SearchApi.Formats;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.SearchApi.Crawling;

/// <summary>Section <c>Sitemap</c>: how many asset pages one sitemap lists (the sitemap protocol allows 50,000).</summary>
public sealed class SitemapOptions
{
    public const string Section = "Sitemap";

    public int PageSize { get; set; } = 50_000;
}

/// <summary>
/// What search engines read first: <c>/robots.txt</c> (the pages worth crawling, and where the sitemap is) and
/// <c>/sitemap.xml</c>, a sitemap index of the portal's own pages and of every live asset page, a sitemap per
/// fixed range of the catalogue's document numbers, so any one of them is read without the ones before.
/// </summary>
public static class CrawlerEndpoints
{
    private const string Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Portal pages a crawler may read besides the assets; searches, accounts, baskets and the API stay out.</summary>
    private static readonly string[] SitePages = ["/", "/sources", "/api/docs"];

    public static IServiceCollection AddCrawling(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<SitemapOptions>(configuration.GetSection(SitemapOptions.Section));

    public static IEndpointRouteBuilder MapCrawlerEndpoints(this IEndpointRouteBuilder app)
    {
        Describe(app.MapGet("/robots.txt", Robots), "RobotsTxt", "What crawlers may read",
            "Asset pages and the portal's own pages; not a search's further pages, accounts (the sign-in page among them), launches, OAI-PMH, the VO services or the API. Names the sitemap.", "text/plain");
        Describe(app.MapGet("/sitemap.xml", Index), "SitemapIndex", "The sitemap index",
            "A sitemap of the portal's pages, then one sitemap per range of asset pages (Sitemap:PageSize, 50,000).", "application/xml");
        Describe(app.MapGet("/sitemaps/site.xml", Site), "SitemapSite", "The sitemap of the portal's own pages",
            "The landing page, the sources and the API reference.", "application/xml");
        Describe(app.MapGet("/sitemaps/assets-{page:int}.xml", Assets), "SitemapAssets", "One sitemap of asset pages",
            "The live assets of one range of document numbers, each with the time of its last change.", "application/xml");
        return app;
    }

    private static void Describe(RouteHandlerBuilder route, string name, string summary, string description, string type) =>
        route.WithName(name).WithTags("Crawlers").WithSummary(summary).WithDescription(description).Produces(StatusCodes.Status200OK, contentType: type);

    public static IResult Robots(PortalUrls urls) => TypedResults.Text(
        "User-agent: *\n" +
        "Allow: /assets/\n" +
        // A search by words or a facet is a landing page ("HST images"); its further pages are not (a cursor
        // per page of every search would be an endless space).
        "Disallow: /search?*cursor=\n" +
        "Disallow: /api/\n" +
        "Allow: /api/docs\n" +
        // The curation forms are left out: they sit behind sign-in, so a crawler is redirected to /account/login,
        // which is disallowed; listing them too would only mark the forms uncrawlable to an audit run signed in.
        "Disallow: /account\n" +
        "Disallow: /launch\n" +
        "Disallow: /oai\n" +
        "Disallow: /vo/\n" +
        $"Sitemap: {urls.For("/sitemap.xml")}\n", "text/plain", Encoding.UTF8);

    public static async Task<FileContentHttpResult> Index(ICatalogStore catalog, PortalUrls urls, IOptionsMonitor<SitemapOptions> options, CancellationToken ct)
    {
        var size = PageSize(options);
        var last = (await catalog.StampsAsync(0, 0, ct)).LastOrdinal;
        return Xml(xml =>
        {
            xml.WriteStartElement("sitemapindex", Sitemaps);
            Entry(xml, "sitemap", urls.For("/sitemaps/site.xml"), null);
            for (var page = 0L; page <= last / size; page++)
            {
                Entry(xml, "sitemap", urls.For($"/sitemaps/assets-{page.ToString(CultureInfo.InvariantCulture)}.xml"), null);
            }
            xml.WriteEndElement();
        });
    }

    public static FileContentHttpResult Site(PortalUrls urls) => Xml(xml =>
    {
        xml.WriteStartElement("urlset", Sitemaps);
        foreach (var path in SitePages)
        {
            Entry(xml, "url", urls.For(path), null);
        }
        xml.WriteEndElement();
    });

    public static async Task<Results<FileContentHttpResult, NotFound>> Assets(int page, ICatalogStore catalog, PortalUrls urls, IOptionsMonitor<SitemapOptions> options, CancellationToken ct)
    {
        var size = PageSize(options);
        if (page < 0)
        {
            return TypedResults.NotFound();
        }
        var range = await catalog.StampsAsync((long)page * size, size, ct);
        if (page > range.LastOrdinal / size)
        {
            return TypedResults.NotFound();
        }
        return Xml(xml =>
        {
            xml.WriteStartElement("urlset", Sitemaps);
            foreach (var asset in range.Assets)
            {
                Entry(xml, "url", urls.AssetPage(asset.Id), asset.UpdatedAt);
            }
            xml.WriteEndElement();
        });
    }

    private static int PageSize(IOptionsMonitor<SitemapOptions> options) => Math.Clamp(options.CurrentValue.PageSize, 1, 50_000);

    private static void Entry(XmlWriter xml, string element, Uri location, DateTimeOffset? changed)
    {
        xml.WriteStartElement(element, Sitemaps);
        xml.WriteElementString("loc", Sitemaps, location.ToString());
        if (changed is { } t)
        {
            xml.WriteElementString("lastmod", Sitemaps, t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        xml.WriteEndElement();
    }

    private static FileContentHttpResult Xml(Action<XmlWriter> write)
    {
        var stream = new MemoryStream();
        using (var xml = XmlSafe.Writer(stream))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }
        return TypedResults.File(stream.ToArray(), "application/xml; charset=utf-8");
    }
}
