using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using DiscoveryPortal.SearchApi.Tests.Clients;

namespace DiscoveryPortal.SearchApi.Tests.Formats;

/// <summary>A search as an Atom feed: the same hits as the JSON answer, newest first, read by feedparser as a feed reader reads it.</summary>
public sealed class AtomFeedTests(LiveApiServer server) : IClassFixture<LiveApiServer>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private async Task<List<string>> JsonIdsAsync(string query)
    {
        using var json = JsonDocument.Parse(await server.Client.GetStringAsync("/api/search?" + query));
        return json.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();
    }

    private static string Page(string base_, string id) => base_.TrimEnd('/') + "/assets/" + Uri.EscapeDataString(id);

    [Fact]
    public async Task The_feed_holds_the_newest_matching_records_first_and_links_its_next_page()
    {
        using var answer = await server.Client.GetAsync("/api/search?q=Sentinel&size=10&format=atom");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("application/atom+xml", answer.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var feed = XDocument.Parse(await answer.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);

        var expected = await JsonIdsAsync("q=Sentinel&size=10&sort=newest");
        Assert.Equal(10, expected.Count);
        Assert.Equal(expected.Select(id => Page(server.BaseUrl, id)), feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value));
        Assert.Contains(feed.Elements(Atom + "link"), l => l.Attribute("rel")!.Value == "next" && l.Attribute("href")!.Value.Contains("format=atom", StringComparison.Ordinal));
        Assert.Contains(feed.Elements(Atom + "link"), l => l.Attribute("rel")!.Value == "alternate" && l.Attribute("href")!.Value.EndsWith("/search?q=Sentinel", StringComparison.Ordinal));
        Assert.All(feed.Elements(Atom + "entry"), e => Assert.False(string.IsNullOrWhiteSpace(e.Element(Atom + "title")!.Value)));
    }

    [Fact]
    public async Task The_accept_header_asks_for_the_feed_and_a_given_sort_is_kept()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=Herschel&size=5&sort=title");
        request.Headers.Accept.ParseAdd("application/atom+xml");
        using var answer = await server.Client.SendAsync(request);
        var feed = XDocument.Parse(await answer.Content.ReadAsStringAsync()).Root!;
        var expected = await JsonIdsAsync("q=Herschel&size=5&sort=title");
        Assert.Equal(expected.Select(id => Page(server.BaseUrl, id)), feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value));
    }

    [Fact]
    public async Task A_basket_is_not_a_feed()
    {
        using var created = await server.Client.PostAsync("/api/baskets", null);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var answer = await server.Client.GetAsync($"/api/baskets/{id}?format=atom");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("json, csv or votable", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [ClientFact(nameof(ExternalClient.Feedparser))]
    public async Task Feedparser_reads_the_feed_as_atom_with_every_entry_and_the_next_page()
    {
        var url = server.BaseUrl.TrimEnd('/') + "/api/search?domain=Earth%20Observation&size=25&format=atom";
        var (exit, output, err) = ExternalClient.Feedparser.Run(120, TestPaths.Source("Formats", "feed_read.py"), url);
        Assert.True(exit == 0, err);
        using var read = JsonDocument.Parse(output);
        var root = read.RootElement;
        Assert.False(root.GetProperty("bozo").GetBoolean(), "feedparser found the feed malformed");
        Assert.Equal("atom10", root.GetProperty("version").GetString());
        var expected = await JsonIdsAsync("domain=Earth%20Observation&size=25&sort=newest");
        Assert.Equal(expected.Select(id => Page(server.BaseUrl, id)), root.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("link").GetString()));
        Assert.NotNull(root.GetProperty("next").GetString());
    }
}
