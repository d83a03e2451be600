using System.Net;
using DiscoveryPortal.Connectors.Http;

namespace DiscoveryPortal.Connectors.Tests.Http;

public sealed class OutboundGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fd00::1", "private (unique local)")]
    [InlineData("100.64.0.1", "shared (carrier-grade NAT)")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast or reserved")]
    [InlineData("::ffff:10.1.2.3", "private")]
    public void Internal_addresses_are_refused_by_kind(string address, string kind)
    {
        var reason = OutboundGuard.AllowNothing.CheckAddress(IPAddress.Parse(address), 80);
        Assert.NotNull(reason);
        Assert.Contains($"is a {kind} address", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::127.0.0.1", "loopback", "IPv4-compatible")]
    [InlineData("::10.0.0.1", "private", "IPv4-compatible")]
    [InlineData("::ffff:0:127.0.0.1", "loopback", "IPv4-translated")]
    [InlineData("64:ff9b::7f00:1", "loopback", "NAT64")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local", "NAT64")]
    [InlineData("2002:7f00:1::", "loopback", "6to4")]
    [InlineData("2002:c0a8:101::1", "private", "6to4")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback", "Teredo")] // client 127.0.0.1, stored inverted
    [InlineData("2001:0:7f00:1::f7f7:f7f7", "loopback", "Teredo")] // server 127.0.0.1, client 8.8.8.8
    [InlineData("2001:db8::5efe:a00:1", "private", "ISATAP")]
    public void IPv6_forms_that_embed_an_internal_IPv4_address_are_refused_by_that_address(string address, string kind, string form)
    {
        var reason = OutboundGuard.AllowNothing.CheckAddress(IPAddress.Parse(address), 80);
        Assert.NotNull(reason);
        Assert.Contains($"({form}), a {kind} address", reason, StringComparison.Ordinal);
        Assert.Equal(kind, OutboundGuard.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    public void IPv4_mapped_addresses_are_checked_as_the_IPv4_address(string address, string kind)
    {
        Assert.Contains($"is a {kind} address", OutboundGuard.AllowNothing.CheckAddress(IPAddress.Parse(address), 80), StringComparison.Ordinal);
        Assert.Equal(kind, OutboundGuard.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("http://[::127.0.0.1]/")]
    [InlineData("http://[::ffff:127.0.0.1]:8090/")]
    [InlineData("http://[64:ff9b::7f00:1]/")]
    [InlineData("http://[2002:7f00:1::]/")]
    [InlineData("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/")]
    public void Urls_naming_embedded_internal_addresses_are_refused(string url) =>
        Assert.NotNull(OutboundGuard.AllowNothing.CheckUrl(new Uri(url)));

    [Theory]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:f7f7:f7f7")] // Teredo client 8.8.8.8
    public void IPv6_forms_that_embed_a_public_IPv4_address_pass(string address) =>
        Assert.Null(OutboundGuard.AllowNothing.CheckAddress(IPAddress.Parse(address), 443));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("193.147.153.1")]
    [InlineData("2001:4860:4860::8888")]
    public void Public_addresses_pass(string address) => Assert.Null(OutboundGuard.AllowNothing.CheckAddress(IPAddress.Parse(address), 443));

    [Fact]
    public void The_allowlist_takes_addresses_with_ports_networks_and_host_names()
    {
        var guard = new OutboundGuard(["127.0.0.1:8090", "10.1.0.0/16", "archive.internal", "[::1]:9000"]);
        Assert.Null(guard.CheckAddress(IPAddress.Loopback, 8090));
        Assert.NotNull(guard.CheckAddress(IPAddress.Loopback, 8091));
        Assert.Null(guard.CheckAddress(IPAddress.Parse("10.1.200.3"), 80));
        Assert.NotNull(guard.CheckAddress(IPAddress.Parse("10.2.0.1"), 80));
        Assert.Null(guard.CheckAddress(IPAddress.IPv6Loopback, 9000));
        Assert.Null(guard.CheckUrl(new Uri("http://archive.internal/tap")));
        Assert.Contains("is not an http(s) URL", guard.CheckUrl(new Uri("file:///etc/passwd")), StringComparison.Ordinal);
        Assert.Contains("loopback", guard.CheckUrl(new Uri("http://127.0.0.1:22/")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_to_a_name_that_resolves_to_loopback_is_refused_before_it_is_sent()
    {
        using var http = new HttpClient(OutboundGuard.AllowNothing.CreateHandler());
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("http://localhost:1/"));
        var refused = Assert.IsType<OutboundRefusedException>(e.InnerException ?? e);
        Assert.Contains("localhost:1", refused.Message, StringComparison.Ordinal);
    }
}
