using Dapper;
using DiscoveryPortal.Indexer.Launch;

namespace DiscoveryPortal.Indexer.PostgreSql;

/// <summary>Baskets in the PostgreSQL catalogue: the same basket from every node.</summary>
public sealed class PostgreSqlBasketStore(PostgreSqlDatabase database) : IBasketStore
{
    public async Task CreateAsync(string id, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition("INSERT INTO baskets (id, created_at, updated_at) VALUES (@id, @now, @now)", new { id, now = now.ToString("O") }, cancellationToken: ct));
    }

    public async Task<string?> UserBasketAsync(string user, CancellationToken ct)
    {
        await using var connection = database.Open();
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("SELECT basket_id FROM user_baskets WHERE user_name = @user", new { user }, cancellationToken: ct));
    }

    public async Task SetUserBasketAsync(string user, string basketId, CancellationToken ct)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO user_baskets (user_name, basket_id) VALUES (@user, @basketId) ON CONFLICT (user_name) DO UPDATE SET basket_id = excluded.basket_id",
            new { user, basketId }, cancellationToken: ct));
    }

    public async Task<Basket?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = database.Open();
        var b = await connection.QuerySingleOrDefaultAsync<BasketTimes>(new CommandDefinition(
            "SELECT created_at AS Created, updated_at AS Updated FROM baskets WHERE id = @id", new { id }, cancellationToken: ct));
        if (b is null)
        {
            return null;
        }
        var items = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT asset_id FROM basket_items WHERE basket_id = @id ORDER BY added_at, position", new { id }, cancellationToken: ct));
        return b.Basket(id, items.ToList());
    }

    public async Task<BasketAddition?> AddItemsAsync(string id, IReadOnlyList<string> assetIds, int max, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = database.Open();
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The basket's row locked first: two nodes adding to one basket at once take turns, so neither passes the limit.
        var at = now.ToString("O");
        if (await connection.ExecuteAsync(new CommandDefinition("UPDATE baskets SET updated_at = @at WHERE id = @id", new { id, at }, tx, cancellationToken: ct)) == 0)
        {
            return null;
        }
        var existing = (await connection.QueryAsync<string>(new CommandDefinition("SELECT asset_id FROM basket_items WHERE basket_id = @id", new { id }, tx, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        var added = assetIds.Distinct(StringComparer.Ordinal).Where(a => !existing.Contains(a)).ToList();
        if (existing.Count + added.Count > max)
        {
            return new BasketAddition(existing.Count, added.Count, false);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO basket_items (basket_id, asset_id, added_at) SELECT @id, a, @at FROM unnest(@added::text[]) WITH ORDINALITY AS t(a, n) ORDER BY n",
            new { id, at, added = added.ToArray() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new BasketAddition(existing.Count, added.Count, true);
    }

    public async Task RemoveItemsAsync(string id, IReadOnlyList<string> assetIds, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM basket_items WHERE basket_id = @id AND asset_id = ANY(@assetIds)",
            new { id, assetIds = assetIds.ToArray() }, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("UPDATE baskets SET updated_at = @now WHERE id = @id", new { id, now = now.ToString("O") }, cancellationToken: ct));
    }
}
