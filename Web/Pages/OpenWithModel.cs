using DiscoveryPortal.Indexer.Launch;

namespace DiscoveryPortal.Web.Pages;

/// <summary>What the "Open with" menu shows: the offers for a selection, and the selection to launch with (records, or a basket).</summary>
public sealed record OpenWithModel(IReadOnlyList<ToolOffer> Offers, IReadOnlyList<string> AssetIds, string? BasketId = null);
