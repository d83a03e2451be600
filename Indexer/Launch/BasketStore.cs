using Dapper;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Launch;

/// <summary>A basket's items in the order they were added.</summary>
public sealed record Basket(string Id, DateTimeOffset Created, DateTimeOffset Updated, IReadOnlyList<string> AssetIds);

/// <summary>A basket change that cannot be made; the message says why.</summary>
public sealed class BasketException(string message) : Exception(message);

/// <summary>Keeps baskets in the catalogue database: up to <see cref="MaxItems"/> records each, in the order they were added.</summary>
public sealed class BasketStore(SqliteDatabase database, ICatalogStore catalog, TimeProvider clock)
{
    public const int MaxItems = 10_000;

    public async Task<Basket> CreateAsync(CancellationToken ct)
    {
        var id = LaunchStore.NewId();
        var now = clock.GetUtcNow().ToString("O");
        using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition("INSERT INTO baskets (id, created_at, updated_at) VALUES (@id, @now, @now)", new { id, now }, cancellationToken: ct));
        return (await GetAsync(id, ct))!;
    }

    /// <summary>The account's own basket, made on first use; the same from every browser it signs in from.</summary>
    public async Task<Basket> ForUserAsync(string user, CancellationToken ct)
    {
        using (var connection = database.Open())
        {
            var id = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("SELECT basket_id FROM user_baskets WHERE user_name = @user", new { user }, cancellationToken: ct));
            if (id is not null && await GetAsync(id, ct) is { } existing)
            {
                return existing;
            }
        }
        var basket = await CreateAsync(ct);
        using var write = database.Open();
        await write.ExecuteAsync(new CommandDefinition("INSERT OR REPLACE INTO user_baskets (user_name, basket_id) VALUES (@user, @id)", new { user, id = basket.Id }, cancellationToken: ct));
        return basket;
    }

    public async Task<Basket?> GetAsync(string id, CancellationToken ct)
    {
        using var connection = database.Open();
        var b = await connection.QuerySingleOrDefaultAsync<BasketRow>(new CommandDefinition(
            "SELECT created_at AS Created, updated_at AS Updated FROM baskets WHERE id = @id", new { id }, cancellationToken: ct));
        if (b is null)
        {
            return null;
        }
        var items = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT asset_id FROM basket_items WHERE basket_id = @id ORDER BY added_at, rowid", new { id }, cancellationToken: ct));
        return new Basket(id, Parse(b.Created), Parse(b.Updated), items.ToList());
    }

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
            throw new BasketException($"a basket holds at most {MaxItems:N0} items; it has {had.Count:N0} and {asked.Count:N0} more were asked for");
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
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var existing = (await connection.QueryAsync<string>(new CommandDefinition("SELECT asset_id FROM basket_items WHERE basket_id = @id", new { id }, tx, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        var added = assetIds.Distinct(StringComparer.Ordinal).Where(a => !existing.Contains(a)).ToList();
        if (existing.Count + added.Count > MaxItems)
        {
            throw new BasketException($"a basket holds at most {MaxItems:N0} items; it has {existing.Count:N0} and {added.Count:N0} more were asked for");
        }
        var now = clock.GetUtcNow().ToString("O");
        if (await connection.ExecuteAsync(new CommandDefinition("UPDATE baskets SET updated_at = @now WHERE id = @id", new { id, now }, tx, cancellationToken: ct)) == 0)
        {
            throw new BasketException($"no basket '{id}'");
        }
        await connection.ExecuteAsync(new CommandDefinition("INSERT INTO basket_items (basket_id, asset_id, added_at) VALUES (@id, @assetId, @now)",
            added.Select(a => new { id, assetId = a, now }), tx, cancellationToken: ct));
        tx.Commit();
        return (await GetAsync(id, ct))!;
    }

    public async Task<Basket?> RemoveAsync(string id, IReadOnlyList<string> assetIds, CancellationToken ct)
    {
        using var connection = database.Open();
        var now = clock.GetUtcNow().ToString("O");
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM basket_items WHERE basket_id = @id AND asset_id = @assetId",
            assetIds.Select(a => new { id, assetId = a }), cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("UPDATE baskets SET updated_at = @now WHERE id = @id", new { id, now }, cancellationToken: ct));
        return await GetAsync(id, ct);
    }

    private sealed record BasketRow(string Created, string Updated);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
