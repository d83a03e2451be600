using System.Net;
using System.Text.RegularExpressions;
using DiscoveryPortal.Web.Pages.Basket;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DiscoveryPortal.Web.Tests.Pages;

public partial class BasketPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [GeneratedRegex("<form method=\"post\" class=\"add-to-basket\" action=\"(?<action>[^\"]+)\">\\s*<input type=\"hidden\" name=\"assetId\" value=\"(?<id>[^\"]+)\" />\\s*<input type=\"hidden\" name=\"returnUrl\" value=\"(?<back>[^\"]*)\" />.*?name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"", RegexOptions.Singleline)]
    private static partial Regex AddForm();

    [GeneratedRegex("<span id=\"basket-count\">(\\d+)</span>")]
    private static partial Regex Count();

    private async Task<(string Id, HttpResponseMessage Response)> AddFirstHitAsync(HttpClient client, string search)
    {
        var html = await client.GetStringAsync(search);
        var form = AddForm().Match(html);
        Assert.True(form.Success, "no Add to basket form on " + search);
        var response = await client.PostAsync(form.Groups["action"].Value, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["assetId"] = WebUtility.HtmlDecode(form.Groups["id"].Value),
            ["returnUrl"] = WebUtility.HtmlDecode(form.Groups["back"].Value),
            ["__RequestVerificationToken"] = form.Groups["token"].Value,
        }));
        return (WebUtility.HtmlDecode(form.Groups["id"].Value), response);
    }

    [Fact]
    public async Task Hits_from_two_sources_go_into_this_browsers_basket_which_exports_and_opens_them_together()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Contains("Your basket is empty", await client.GetStringAsync("/basket"));

        var (first, added) = await AddFirstHitAsync(client, "/search?q=Herschel%20PACS");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        // Back to the hit that was added, not the top of the page, with a word that it was added.
        Assert.Equal("/search?q=Herschel%20PACS#" + CurrentBasket.Anchor(first), added.Headers.Location!.OriginalString);
        var back = await client.GetStringAsync("/search?q=Herschel%20PACS");
        Assert.Contains($"id=\"{CurrentBasket.Anchor(first)}\"", back);
        Assert.Contains("to your basket (1 in it)", back);
        Assert.Matches("<span class=\"basket-count\"[^>]*>1</span>", back);
        Assert.DoesNotContain("to your basket (1 in it)", await client.GetStringAsync("/search?q=Herschel%20PACS"));
        var (second, _) = await AddFirstHitAsync(client, "/search?source=recorded-peps-stac&assetType=observation");

        var basket = await client.GetStringAsync("/basket");
        Assert.Equal("2", Count().Match(basket).Groups[1].Value);
        Assert.Contains(WebUtility.HtmlEncode(first), basket);
        Assert.Contains(WebUtility.HtmlEncode(second), basket);
        Assert.Matches("href=\"/api/baskets/[A-Za-z0-9_-]{22}\\?format=votable\"", basket);
        Assert.Contains("Open all of it with", basket);

        // Another browser has a basket of its own.
        using var other = portal.CreateClient();
        Assert.Contains("Your basket is empty", await other.GetStringAsync("/basket"));
    }

    [Fact]
    public async Task A_forged_add_without_the_antiforgery_token_is_refused()
    {
        using var client = portal.CreateClient();
        var response = await client.PostAsync("/basket/add", new FormUrlEncodedContent(new Dictionary<string, string> { ["assetId"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
