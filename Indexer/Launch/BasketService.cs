using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Launch;

/// <summary>A basket's items in the order they were added.</summary>
public sealed record Basket(string Id, DateTimeOffset Created, DateTimeOffset Updated, IReadOnlyList<string> AssetIds);

/// <summary>A basket change that cannot be made; the message says why.</summary>
public sealed class BasketException(string message) : Exception(message);

/// <summary>Baskets: up to <see cref="MaxItems"/> records each, in the order they were added.</summary>
public sealed class BasketService(IBasketStore store, ICatalogStore catalog, TimeProvider clock)
{
    public const int MaxItems = 10_000;

    public async Task<Basket> CreateAsync(CancellationToken ct)
    {
        var id = ILaunchStore.NewId();
        await store.CreateAsync(id, clock.GetUtcNow(), ct);
        return (await GetAsync(id, ct))!;
    }

    /// <summary>The account's own basket, made on first use; the same from every browser it signs in from.</summary>
    public async Task<Basket> ForUserAsync(string user, CancellationToken ct)
    {
        if (await store.UserBasketAsync(user, ct) is { } id && await GetAsync(id, ct) is { } existing)
        {
            return existing;
        }
        var basket = await CreateAsync(ct);
        await store.SetUserBasketAsync(user, basket.Id, ct);
        return basket;
    }

    public Task<Basket?> GetAsync(string id, CancellationToken ct) => store.GetAsync(id, ct);

    /// <summary>Adds records that exist in the catalogue; refuses the whole change if it would pass the limit or names an unknown record.</summary>
    public async Task<Basket> AddAsync(string id, IReadOnlyList<string> assetIds, CancellationToken ct)
    {
        // Sizes first, then work: a list longer than a basket can hold is refused before anything is looked up,
        // and only the assets not in the basket yet are looked up.
        if (assetIds.Count > MaxItems && assetIds.Distinct(StringComparer.Ordinal).Take(MaxItems + 1).Count() > MaxItems)
        {
            throw new BasketException($"a basket holds at most {MaxItems:N0} items; {assetIds.Count:N0} were asked for");
        }
        var before = await GetAsync(id, ct) ?? throw new BasketException($"no basket '{id}'");
        var had = before.AssetIds.ToHashSet(StringComparer.Ordinal);
        var asked = assetIds.Distinct(StringComparer.Ordinal).Where(a => !had.Contains(a)).ToList();
        if (had.Count + asked.Count > MaxItems)
        {
            throw new BasketException(TooMany(had.Count, asked.Count));
        }
        var unknown = new List<string>();
        foreach (var assetId in asked)
        {
            if (await catalog.GetAsync(assetId, ct) is null)
            {
                unknown.Add(assetId);
            }
        }
        if (unknown.Count > 0)
        {
            throw new BasketException($"no asset {string.Join(", ", unknown.Take(5).Select(u => $"'{u}'"))}{(unknown.Count > 5 ? $" and {unknown.Count - 5} more" : "")}");
        }
        // Checked again where it is stored: another request may have filled the basket since.
        var added = await store.AddItemsAsync(id, assetIds, MaxItems, clock.GetUtcNow(), ct) ?? throw new BasketException($"no basket '{id}'");
        if (!added.Stored)
        {
            throw new BasketException(TooMany(added.Had, added.New));
        }
        return (await GetAsync(id, ct))!;
    }

    public async Task<Basket?> RemoveAsync(string id, IReadOnlyList<string> assetIds, CancellationToken ct)
    {
        await store.RemoveItemsAsync(id, assetIds, clock.GetUtcNow(), ct);
        return await GetAsync(id, ct);
    }

    private static string TooMany(int had, int asked) => $"a basket holds at most {MaxItems:N0} items; it has {had:N0} and {asked:N0} more were asked for";
}
