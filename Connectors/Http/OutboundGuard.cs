using System.Net;
using System.Net.Sockets;

namespace DiscoveryPortal.Connectors.Http;

/// <summary>A request the outbound guard refused; the message names the address and why.</summary>
public sealed class OutboundRefusedException(string message) : HttpRequestException(message)
{
    /// <summary>The guard's refusal inside an exception the HTTP stack wrapped it in, if it is there.</summary>
    public static OutboundRefusedException? In(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is OutboundRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }
}

/// <summary>
/// Keeps requests to registered sources off the deployment's own network: no loopback, private,
/// link-local, unique-local, carrier-grade NAT, multicast or unspecified addresses, and only http(s),
/// unless an administrator allows the host, address or network in configuration (<c>Outbound:Allow</c>:
/// <c>127.0.0.1:8090</c>, <c>10.0.0.0/8</c>, <c>archive.internal</c>). The check runs when a connection
/// is opened, on the address actually dialled, so a name that resolves to a private address and a
/// redirect to one are refused alike.
/// </summary>
public sealed class OutboundGuard
{
    private readonly List<(IPAddress Network, int Prefix, int? Port)> _networks = [];
    private readonly List<(string Host, int? Port)> _hosts = [];

    public OutboundGuard(IEnumerable<string> allow)
    {
        foreach (var raw in allow.Select(a => a.Trim()).Where(a => a.Length > 0))
        {
            var (text, port) = SplitPort(raw);
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && IPAddress.TryParse(text[..slash], out var network) && int.TryParse(text[(slash + 1)..], out var prefix))
            {
                _networks.Add((network, prefix, port));
            }
            else if (IPAddress.TryParse(text.Trim('[', ']'), out var address))
            {
                _networks.Add((address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128, port));
            }
            else
            {
                _hosts.Add((text.ToLowerInvariant(), port));
            }
        }
    }

    public static OutboundGuard AllowNothing { get; } = new([]);

    /// <summary>Why a URL may not be asked at all (a scheme other than http(s), a refused literal address), or null.</summary>
    public string? CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return $"'{url}' is not an http(s) URL";
        }
        if (IsHostAllowed(url.IdnHost, url.Port))
        {
            return null;
        }
        return IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) ? CheckAddress(address, url.Port) : null;
    }

    /// <summary>Why this address may not be dialled, or null when it may.</summary>
    public string? CheckAddress(IPAddress address, int port)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (_networks.Any(n => (n.Port is null || n.Port == port) && InNetwork(address, n.Network, n.Prefix)))
        {
            return null;
        }
        if (Embedded(address) is { } embedded && Classify(embedded.IPv4) is { } inner)
        {
            return $"{address} embeds {embedded.IPv4} ({embedded.Form}), a {inner} address; outbound requests may not reach it unless Outbound:Allow lists it";
        }
        var kind = Classify(address);
        return kind is null ? null : $"{address} is a {kind} address; outbound requests may not reach it unless Outbound:Allow lists it";
    }

    /// <summary>
    /// The IPv4 address an IPv6 address carries, in each form that can route to it: IPv4-mapped
    /// (<c>::ffff:a.b.c.d</c>), IPv4-translated (<c>::ffff:0:a.b.c.d</c>), IPv4-compatible (<c>::a.b.c.d</c>),
    /// NAT64 (<c>64:ff9b::/96</c>), 6to4 (<c>2002:AABB:CCDD::/48</c>), ISATAP (<c>…:0:5efe:a.b.c.d</c>) and
    /// Teredo (<c>2001:0::/32</c>, whose client address is stored inverted; of the server and the client
    /// address, the internal one is given).
    /// </summary>
    public static (IPAddress IPv4, string Form)? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }
        var b = address.GetAddressBytes();
        static IPAddress At(byte[] bytes, int offset, bool inverted = false) =>
            new([.. bytes.Skip(offset).Take(4).Select(x => inverted ? (byte)~x : x)]);
        bool Zero(int from, int to) => b[from..to].All(x => x == 0);
        if (address.IsIPv4MappedToIPv6)
        {
            return (address.MapToIPv4(), "IPv4-mapped");
        }
        if (Zero(0, 8) && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0)
        {
            return (At(b, 12), "IPv4-translated");
        }
        if (Zero(0, 12) && !Zero(12, 15))
        {
            // ::a.b.c.d, but not :: or ::1.
            return (At(b, 12), "IPv4-compatible");
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && Zero(4, 12))
        {
            return (At(b, 12), "NAT64");
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return (At(b, 2), "6to4");
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        {
            var server = At(b, 4);
            var client = At(b, 12, inverted: true);
            return (Classify(client) is null && Classify(server) is not null ? server : client, "Teredo");
        }
        if ((b[8] & 0xfd) == 0 && b[9] == 0 && b[10] == 0x5e && b[11] == 0xfe)
        {
            return (At(b, 12), "ISATAP");
        }
        return null;
    }

    private bool IsHostAllowed(string host, int port) =>
        _hosts.Any(h => (h.Port is null || h.Port == port) && string.Equals(h.Host, host, StringComparison.OrdinalIgnoreCase));

    /// <summary>The kind of internal address this is, or null for a public one.</summary>
    public static string? Classify(IPAddress address)
    {
        if (Embedded(address) is { } embedded && Classify(embedded.IPv4) is { } inner)
        {
            return inner;
        }
        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified";
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b switch
            {
                [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "private",
                [169, 254, ..] => "link-local",
                [100, >= 64 and <= 127, ..] => "shared (carrier-grade NAT)",
                [0, ..] => "unspecified",
                [192, 0, 0 or 2, _] or [198, 18 or 19, ..] or [198, 51, 100, _] or [203, 0, 113, _] => "reserved (protocol, documentation or benchmarking)",
                [>= 224, ..] => "multicast or reserved",
                _ => null,
            };
        }
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "link-local";
        }
        if (address.IsIPv6UniqueLocal)
        {
            return "private (unique local)";
        }
        var v6 = address.GetAddressBytes();
        if (v6 is [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01, ..])
        {
            return "private (local-use NAT64)";
        }
        if (v6 is [0x01, 0x00, 0, 0, 0, 0, 0, 0, ..] or [0x20, 0x01, 0x0d, 0xb8, ..])
        {
            return "reserved (discard or documentation)";
        }
        return address.IsIPv6Multicast ? "multicast or reserved" : null;
    }

    /// <summary>A handler whose every connection goes through the guard: the address dialled is the address checked.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectCallback = ConnectAsync,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var hostAllowed = IsHostAllowed(host, port);
        var permitted = hostAllowed ? addresses : addresses.Where(a => CheckAddress(a, port) is null).ToArray();
        if (permitted.Length == 0)
        {
            var reason = addresses.Length == 0 ? $"{host} has no address" : CheckAddress(addresses[0], port);
            throw new OutboundRefusedException($"{host}:{port}: {reason}");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static (string Text, int? Port) SplitPort(string raw)
    {
        // "host:port", "1.2.3.4:80", "[::1]:80"; a bare IPv6 address has colons of its own.
        var colon = raw.LastIndexOf(':');
        if (colon > 0 && int.TryParse(raw[(colon + 1)..], out var port) && (raw.Count(c => c == ':') == 1 || raw[colon - 1] == ']'))
        {
            return (raw[..colon], port);
        }
        return (raw, null);
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        if (network.IsIPv4MappedToIPv6)
        {
            network = network.MapToIPv4();
        }
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; i < a.Length && prefix > 0; i++, prefix -= 8)
        {
            var mask = prefix >= 8 ? 0xFF : (byte)(0xFF << (8 - prefix));
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
