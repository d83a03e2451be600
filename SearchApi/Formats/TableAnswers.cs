using Microsoft.OpenApi;

namespace DiscoveryPortal.SearchApi.Formats;

/// <summary>How the OpenAPI document describes an answer that also comes as CSV or VOTable text.</summary>
public static class TableAnswers
{
    /// <summary>The 200 answer's JSON, and the same rows as CSV or VOTable (<c>format=</c> or <c>Accept</c>).</summary>
    public static RouteHandlerBuilder ProducesTables(this RouteHandlerBuilder builder) => builder.AddOpenApiOperationTransformer((operation, context, ct) =>
    {
        if (operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
        {
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            ok.Content[ResultFormats.Csv] = Text("A header of the column names, then a row per item");
            ok.Content[ResultFormats.VoTable] = Text("A VOTable 1.4 TABLEDATA table of the same columns");
        }
        return Task.CompletedTask;
    });

    /// <summary>The 200 answer also as an Atom feed (<c>format=atom</c> or <c>Accept</c>).</summary>
    public static RouteHandlerBuilder ProducesFeed(this RouteHandlerBuilder builder) => builder.AddOpenApiOperationTransformer((operation, context, ct) =>
    {
        if (operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
        {
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            ok.Content[ResultFormats.Atom] = Text("An Atom 1.0 feed of the hits, an entry per record");
        }
        return Task.CompletedTask;
    });

    /// <summary>An answer that is a VOTable document, whatever its status.</summary>
    public static RouteHandlerBuilder ProducesVoTable(this RouteHandlerBuilder builder, int status, string description) => builder.AddOpenApiOperationTransformer((operation, context, ct) =>
    {
        operation.Responses ??= [];
        operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ResultFormats.VoTable] = Text("VOTable XML") },
        };
        return Task.CompletedTask;
    });

    private static OpenApiMediaType Text(string description) => new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = description } };
}
