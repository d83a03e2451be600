using System.Net;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Web.Tests.Pages;

/// <summary>
/// Quicklooks on asset pages and results, served by <c>/quicklooks/{id}</c> from archives on loopback: one the outbound
/// guard is told to allow, and one it is not.
/// </summary>
public sealed class QuicklookPageTests : IAsyncLifetime
{
    // A 1×1 PNG: a real picture, signature and all.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private readonly string _directory = Directory.CreateTempSubdirectory("portal-quicklooks-").FullName;
    private WebApplication _archive = null!;
    private WebApplication _internal = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private int _internalRequests;

    public async Task InitializeAsync()
    {
        _archive = await ArchiveAsync(() => { });
        _internal = await ArchiveAsync(() => Interlocked.Increment(ref _internalRequests));
        var archive = new Uri(_archive.Urls.First());
        var inside = new Uri(_internal.Urls.First());
        // Only the first archive's port is allowed; the second is an internal address like any other.
        _app = await LivePortal.StartAsync(_directory, seed: false, "--Harvest:Scheduled=false", $"--Outbound:Allow:0=127.0.0.1:{archive.Port}");
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        AssetRecord Record(string native, string title, string? picture) => new()
        {
            Id = $"ql-test:{native}",
            SourceId = "ql-test",
            Title = title,
            Domain = Domains.EarthObservation,
            AssetType = AssetType.Observation,
            Access = [new($"https://archive.example.org/{native}.zip", Format: "application/zip")],
            Quicklook = picture is null ? null : new Quicklook(picture, QuicklookRole.Thumbnail, "image/png"),
        };
        await _app.Services.GetRequiredService<IngestionPipeline>().IngestAsync(
        [
            new CatalogEntry(Record("scene/1", "Quicklooked scene one", new Uri(archive, "ok.png").ToString())),
            new CatalogEntry(Record("html", "Quicklooked scene answering html", new Uri(archive, "page.png").ToString())),
            new CatalogEntry(Record("liar", "Quicklooked scene answering a page labelled png", new Uri(archive, "liar.png").ToString())),
            new CatalogEntry(Record("inside", "Quicklooked scene on an internal host", new Uri(inside, "ok.png").ToString())),
            new CatalogEntry(Record("plain", "Quicklooked plain scene", null)),
        ], CancellationToken.None);
    }

    /// <summary>An archive on loopback: a PNG, an HTML page where a picture should be, and an HTML page that says it is a PNG.</summary>
    private static async Task<WebApplication> ArchiveAsync(Action onRequest)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            onRequest();
            var (type, body) = context.Request.Path.Value switch
            {
                "/ok.png" => ("image/png", Png),
                "/liar.png" => ("image/png", "<html><script>alert(1)</script></html>"u8.ToArray()),
                _ => ("text/html", "<html>not a picture</html>"u8.ToArray()),
            };
            context.Response.ContentType = type;
            await context.Response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        return app;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _archive.DisposeAsync();
        await _internal.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
    }

    private static string Route(string native) => "/quicklooks/" + Uri.EscapeDataString("ql-test:" + native);

    [Fact]
    public async Task The_asset_page_shows_the_quicklook_through_the_portal_in_a_box_of_fixed_size()
    {
        var html = await _client.GetStringAsync("/assets/" + Uri.EscapeDataString("ql-test:scene/1"));
        Assert.Contains($"<img class=\"quicklook asset-quicklook\" src=\"{Route("scene/1")}\" alt=\"Quicklook of Quicklooked scene one\" width=\"256\" height=\"256\" loading=\"lazy\"", html, StringComparison.Ordinal);
        // The archive's own address is never an image source on the page.
        Assert.DoesNotContain($"src=\"{_archive.Urls.First()}", html, StringComparison.Ordinal);
        var plain = await _client.GetStringAsync("/assets/" + Uri.EscapeDataString("ql-test:plain"));
        Assert.DoesNotContain("class=\"quicklook", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_show_a_small_quicklook_only_on_hits_that_have_one()
    {
        var html = await _client.GetStringAsync("/search?q=quicklooked");
        Assert.Contains($"src=\"{Route("scene/1")}\" alt=\"Quicklook of Quicklooked scene one\" width=\"96\" height=\"96\" loading=\"lazy\"", html, StringComparison.Ordinal);
        Assert.Contains("Quicklooked plain scene", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Route("plain"), html, StringComparison.Ordinal);
        var api = await _client.GetStringAsync("/api/search?q=quicklooked+scene+one");
        Assert.Contains($"\"quicklook\":\"{Route("scene/1")}\"", api, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_route_serves_the_archives_picture_as_an_image_that_is_not_sniffed_and_may_be_cached()
    {
        using var response = await _client.GetAsync(Route("scene/1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge: { } age } && age > TimeSpan.Zero, response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("html", "'text/html'")]
    [InlineData("liar", "the bytes are not that format")]
    [InlineData("plain", "has no quicklook")]
    [InlineData("no-such-record", "no such asset")]
    public async Task The_route_answers_404_for_what_is_no_picture(string native, string why)
    {
        using var response = await _client.GetAsync(Route(native));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(why, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_route_does_not_reach_an_internal_address_the_guard_does_not_allow()
    {
        using var response = await _client.GetAsync(Route("inside"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("127.0.0.1 is a loopback address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref _internalRequests));
    }

    [Fact]
    public async Task Only_a_record_id_is_asked_for_never_a_url()
    {
        // An archive URL in the id is just an id no record has: the route fetches nothing it is handed.
        var archive = new Uri(_archive.Urls.First());
        using var response = await _client.GetAsync("/quicklooks/" + Uri.EscapeDataString(new Uri(archive, "ok.png").ToString()));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var query = await _client.GetAsync(Route("plain") + "?url=" + Uri.EscapeDataString(new Uri(archive, "ok.png").ToString()));
        Assert.Equal(HttpStatusCode.NotFound, query.StatusCode);
    }
}
