namespace DiscoveryPortal.Indexer.Launch;

/// <summary>What adding items to a basket found: the items it had, those asked for that it lacked, and whether they were stored (not past the limit).</summary>
public readonly record struct BasketAddition(int Had, int New, bool Stored);

/// <summary>Baskets and their items in the catalogue database; the rules are <see cref="BasketService"/>'s.</summary>
public interface IBasketStore
{
    Task CreateAsync(string id, DateTimeOffset now, CancellationToken ct);

    /// <summary>The basket recorded as the account's, if any.</summary>
    Task<string?> UserBasketAsync(string user, CancellationToken ct);

    Task SetUserBasketAsync(string user, string basketId, CancellationToken ct);

    /// <summary>The basket with its items in the order they were added.</summary>
    Task<Basket?> GetAsync(string id, CancellationToken ct);

    /// <summary>
    /// In one transaction, adds the assets the basket lacks unless that would make it hold more than
    /// <paramref name="max"/>; null when there is no such basket.
    /// </summary>
    Task<BasketAddition?> AddItemsAsync(string id, IReadOnlyList<string> assetIds, int max, DateTimeOffset now, CancellationToken ct);

    Task RemoveItemsAsync(string id, IReadOnlyList<string> assetIds, DateTimeOffset now, CancellationToken ct);
}

/// <summary>A basket's row as every backend reads it (times as ISO 8601 text).</summary>
public sealed record BasketTimes(string Created, string Updated)
{
    public Basket Basket(string id, IReadOnlyList<string> items) => new(id, Parse(Created), Parse(Updated), items);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
