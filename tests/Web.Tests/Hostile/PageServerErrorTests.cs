using System.Net;

namespace DiscoveryPortal.Web.Tests.Hostile;

/// <summary>Page requests an outside probe found answered with a 500.</summary>
public sealed class PageServerErrorTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("/assets/%20")]
    [InlineData("/assets/%09")]
    [InlineData("/assets/%0d%0a")]
    public async Task A_blank_or_control_character_asset_id_is_not_found(string path)
    {
        using var client = portal.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/search?end=9999-12-31")]
    [InlineData("/search?end=9999-12")]
    [InlineData("/search?end=9999")]
    public async Task The_search_page_takes_the_last_dates_of_the_calendar(string path)
    {
        using var client = portal.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("TRACE", "/")]
    [InlineData("TRACE", "/search?q=x")]
    [InlineData("TRACE", "/assets/x")]
    [InlineData("PATCH", "/basket")]
    [InlineData("DELETE", "/sources")]
    public async Task Methods_a_page_does_not_take_are_refused_with_405(string method, string path)
    {
        using var client = portal.CreateClient();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
