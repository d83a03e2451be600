using System.Net;
using System.Text;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.Stac;

namespace DiscoveryPortal.Connectors.Tests.Stac;

/// <summary>A static catalog on the web cannot make a harvest read this machine's files, and one on disk stays in its folder.</summary>
public sealed class StacStaticLinkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-stac-links-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static StacMapper Mapper => new("links", "Links", Domains.EarthObservation, TestData.Missions, TimeProvider.System);

    private sealed class OneCatalog(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }

    private static string Catalog(params (string Rel, string Href)[] links) =>
        $$"""{"type":"Catalog","stac_version":"1.0.0","id":"root","description":"A catalog","links":[{{string.Join(",", links.Select(l => $$"""{"rel":"{{l.Rel}}","href":"{{l.Href}}"}"""))}}]}""";

    private static async Task<List<HarvestFailure>> FailuresAsync(StacStaticConnector connector)
    {
        var failures = new List<HarvestFailure>();
        await foreach (var page in connector.PagesAsync(new HarvestCursor(), CancellationToken.None))
        {
            failures.AddRange(page.Failures);
        }
        return failures;
    }

    [Fact]
    public async Task File_links_in_a_catalog_on_the_web_are_reported_and_not_read()
    {
        var secret = Path.Combine(_directory, "secret.json");
        await File.WriteAllTextAsync(secret, """{"type":"Feature","id":"do-not-read","properties":{"title":"private"}}""");
        var json = Catalog(("item", new Uri(secret).AbsoluteUri), ("child", "file:///etc/passwd"));
        var connector = new StacStaticConnector(new SourceClient(new HttpClient(new OneCatalog(json))), new Uri("https://catalog.example/catalog.json"), Mapper, null);
        var failures = await FailuresAsync(connector);
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Contains("not followed, it leads out of the catalog (not http(s))", f.Reason, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.Equal("", f.Sample));
    }

    [Fact]
    public async Task A_catalog_on_disk_reads_its_own_folder_and_nothing_above_it()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "catalog")).FullName;
        await File.WriteAllTextAsync(Path.Combine(_directory, "outside.json"), """{"type":"Catalog","id":"outside","links":[]}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "catalog.json"), Catalog(("child", "../outside.json"), ("child", "inner.json")));
        await File.WriteAllTextAsync(Path.Combine(folder, "inner.json"), Catalog());
        var connector = new StacStaticConnector(new SourceClient(new HttpClient()), new Uri(Path.Combine(folder, "catalog.json")), Mapper, null);
        var failure = Assert.Single(await FailuresAsync(connector));
        Assert.Contains("outside.json: not followed, it leads out of the catalog (outside its folder)", failure.Reason, StringComparison.Ordinal);
    }
}
