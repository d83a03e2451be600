namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>
/// Section "Outbound": the internal hosts, addresses and networks harvests may reach after all
/// (<c>127.0.0.1:8090</c>, <c>10.1.0.0/16</c>, <c>archive.internal</c>). Everything else internal is refused.
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    public List<string> Allow { get; set; } = [];
}
