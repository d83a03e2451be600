using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.Web.Tests.Hostile;

/// <summary>Every answer, page, API, file or error, says it may not be framed or sniffed, and names no server.</summary>
public sealed class SecurityHeaderTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/search?q=crab")]
    [InlineData("GET", "/account/login")]
    [InlineData("GET", "/assets/no-such-asset")]
    [InlineData("GET", "/no-such-page")]
    [InlineData("GET", "/css/site.css")]
    [InlineData("GET", "/js/samp.js")]
    [InlineData("GET", "/api/search?q=crab")]
    [InlineData("GET", "/api/search?size=0")]
    [InlineData("GET", "/api/assets/nope")]
    [InlineData("GET", "/healthz")]
    [InlineData("POST", "/api/assets")]
    [InlineData("TRACE", "/")]
    public async Task Every_answer_carries_the_security_headers(string method, string path)
    {
        using var client = portal.CreateClient();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public void Kestrel_sends_no_server_header() =>
        Assert.False(portal.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);

    [Fact]
    public async Task The_pages_use_no_inline_script_or_style_the_policy_would_block()
    {
        using var client = portal.CreateClient();
        foreach (var path in new[] { "/", "/search?q=crab", "/sources", "/basket", "/account/login" })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("\\sstyle=\"", html);
            Assert.DoesNotMatch("\\son[a-z]+=\"", html);
        }
    }
}
