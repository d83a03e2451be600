using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Web.Tests.Hostile;

/// <summary>The Host header is the caller's to choose: the portal only answers hosts it is, and builds external URLs on its public URL.</summary>
public sealed class HostHeaderTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("evil.example")]
    [InlineData("localhost.evil.example")]
    public async Task A_request_naming_another_host_is_refused(string host)
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Host = host;
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:5080")]
    public async Task The_sign_in_redirect_is_on_the_public_url(string host)
    {
        using var configured = portal.WithWebHostBuilder(b => b.UseSetting("Portal:PublicUrl", "https://portal.example"));
        using var client = configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Host = host;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://portal.example/account/login?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_url_set_after_start_is_used_from_then_on()
    {
        using var configured = portal.WithWebHostBuilder(_ => { });
        using var client = configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        configured.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Portal:PublicUrl"] = "http://127.0.0.1:41234";

        var response = await client.GetAsync("/account");

        Assert.StartsWith("http://127.0.0.1:41234/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
