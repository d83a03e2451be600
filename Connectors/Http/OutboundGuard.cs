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
        var kind = Classify(address);
        return kind is null ? null : $"{address} is a {kind} address; outbound requests may not reach it unless Outbound:Allow lists it";
    }

    private bool IsHostAllowed(string host, int port) =>
        _hosts.Any(h => (h.Port is null || h.Port == port) && string.Equals(h.Host, host, StringComparison.OrdinalIgnoreCase));

    /// <summary>The kind of internal address this is, or null for a public one.</summary>
    public static string? Classify(IPAddress address)
    {
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
