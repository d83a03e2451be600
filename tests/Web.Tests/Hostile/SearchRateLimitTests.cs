using System.Net;

namespace DiscoveryPortal.Web.Tests.Hostile;

/// <summary>One address cannot run searches without end: past its bucket it gets 429 with Retry-After, on the API and the page.</summary>
public sealed class SearchRateLimitTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("/api/search?q=crab")]
    [InlineData("/search?q=crab")]
    public async Task Searches_past_the_burst_are_refused_with_429_and_retry_after(string path)
    {
        // The page compiled first, so the burst is spent faster than a token comes back (one a second).
        using (var warm = portal.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync(path)).StatusCode);
        }
        using var limited = portal.WithWebHostBuilder(b => b.UseSetting("SearchLimit:RequestsPerSecond", "1").UseSetting("SearchLimit:Burst", "3"));
        using var client = limited.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // the new host is up before the burst

        // Ten at once against a bucket of three that refills one a second: unless the ten take seven seconds to
        // arrive, some are refused, whatever the machine's load.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetAsync(path)));

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers.FirstOrDefault(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/assets/hst%3Anothing")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // only searching is limited
    }
}
