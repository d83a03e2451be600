using System.Text;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Launch;
using DiscoveryPortal.SearchApi.Formats;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiscoveryPortal.SearchApi;

/// <summary>The body of item changes: the assets to add or remove.</summary>
public sealed record BasketItemsBody(IReadOnlyList<string>? AssetIds);

/// <summary>A basket as the API shows it: its items with enough of each record to work with.</summary>
public sealed record BasketResponse(string Id, DateTimeOffset Created, DateTimeOffset Updated, int Count, IReadOnlyList<BasketRow> Items);

/// <summary>
/// Baskets: <c>POST /api/baskets</c> makes one; <c>GET /api/baskets/{id}</c> reads it (as JSON, or as CSV or
/// VOTable with <c>?format=</c>) for notebooks and scripts; items are added and removed through
/// <c>/api/baskets/{id}/items</c>. The unguessable id is the key to the basket.
/// </summary>
public static class BasketEndpoints
{
    public static IEndpointRouteBuilder MapBasketEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/baskets", Create).WithName("CreateBasket").WithTags("Baskets").WithSummary("A new, empty basket");
        app.MapGet("/api/baskets/{id}", Get)
            .Produces<BasketResponse>().ProducesTables()
            .WithName("GetBasket").WithTags("Baskets").WithSummary("A basket's items; ?format=csv or votable to export");
        app.MapPost("/api/baskets/{id}/items", Add).ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithName("AddToBasket").WithTags("Baskets").WithSummary("Add assets (at most 10,000 in a basket)");
        app.MapDelete("/api/baskets/{id}/items/{assetId}", Remove).WithName("RemoveFromBasket").WithTags("Baskets").WithSummary("Remove one asset");
        return app;
    }

    public static async Task<Created<BasketResponse>> Create(BasketService baskets, ICatalogStore catalog, CancellationToken ct)
    {
        var basket = await baskets.CreateAsync(ct);
        return TypedResults.Created($"/api/baskets/{basket.Id}", await ResponseAsync(basket, catalog, ct));
    }

    public static async Task<IResult> Get(string id, string? format, BasketService baskets, ICatalogStore catalog, CancellationToken ct)
    {
        if (await baskets.GetAsync(id, ct) is not { } basket)
        {
            return NotFound();
        }
        if (!ResultFormats.TryParse(format, out var chosen) || chosen is ResultFormat.Atom)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown export format.", detail: $"format is {ResultFormats.TableNames}.");
        }
        var records = await RecordsAsync(basket, catalog, ct);
        var name = $"basket-{basket.Id}.{ResultFormats.Extension(chosen)}";
        switch (chosen)
        {
            case ResultFormat.Csv:
                var text = new StringWriter();
                BasketExport.WriteCsv(text, records);
                return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), ResultFormats.MediaType(chosen), name);
            case ResultFormat.VoTable:
                var stream = new MemoryStream();
                BasketExport.WriteVoTable(stream, basket.Id, records);
                return TypedResults.File(stream.ToArray(), ResultFormats.MediaType(chosen), name);
            default:
                return TypedResults.Ok(Response(basket, records));
        }
    }

    public static async Task<Results<Ok<BasketResponse>, ProblemHttpResult>> Add(string id, BasketItemsBody body, BasketService baskets, ICatalogStore catalog, CancellationToken ct)
    {
        if (body.AssetIds is not { Count: > 0 } ids)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Nothing to add.", detail: "assetIds lists the assets to add.");
        }
        if (await baskets.GetAsync(id, ct) is null)
        {
            return NotFound();
        }
        try
        {
            return TypedResults.Ok(await ResponseAsync(await baskets.AddAsync(id, ids, ct), catalog, ct));
        }
        catch (BasketException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The basket was not changed.", detail: e.Message);
        }
    }

    public static async Task<Results<Ok<BasketResponse>, ProblemHttpResult>> Remove(string id, string assetId, BasketService baskets, ICatalogStore catalog, CancellationToken ct) =>
        await baskets.RemoveAsync(id, [Uri.UnescapeDataString(assetId)], ct) is { } basket ? TypedResults.Ok(await ResponseAsync(basket, catalog, ct)) : NotFound();

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such basket.", detail: "Basket ids are given out when a basket is made.");

    private static async Task<List<AssetRecord>> RecordsAsync(Basket basket, ICatalogStore catalog, CancellationToken ct)
    {
        var records = new List<AssetRecord>();
        foreach (var assetId in basket.AssetIds)
        {
            if (await catalog.GetAsync(assetId, ct) is { } stored)
            {
                records.Add(stored.Record);
            }
        }
        return records;
    }

    private static async Task<BasketResponse> ResponseAsync(Basket basket, ICatalogStore catalog, CancellationToken ct) =>
        Response(basket, await RecordsAsync(basket, catalog, ct));

    private static BasketResponse Response(Basket basket, List<AssetRecord> records) =>
        new(basket.Id, basket.Created, basket.Updated, basket.AssetIds.Count, records.SelectMany(BasketRow.Of).ToList());
}
