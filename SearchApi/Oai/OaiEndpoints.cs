using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace DiscoveryPortal.SearchApi.Oai;

/// <summary>
/// OAI-PMH 2.0 at <c>/oai</c>, by GET (the query string) or POST (a form), as the protocol allows both.
/// Every answer is a 200 XML document; errors are its <c>error</c> elements, as harvesters expect.
/// </summary>
public static class OaiEndpoints
{
    public const string Path = "/oai";

    public static IServiceCollection AddOai(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OaiOptions>(configuration.GetSection(OaiOptions.Section));
        services.AddSingleton<OaiRepository>();
        return services;
    }

    public static IEndpointRouteBuilder MapOaiEndpoints(this IEndpointRouteBuilder app)
    {
        const string description = "verb=Identify|ListMetadataFormats|ListSets|GetRecord|ListIdentifiers|ListRecords; metadataPrefix oai_dc or oai_datacite (DataCite 4.6); " +
            "sets source:<source id> and domain:<domain>; from and until (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ); resumptionToken from the previous answer. " +
            "Errors (badVerb, badArgument, badResumptionToken, cannotDisseminateFormat, idDoesNotExist, noRecordsMatch) are error elements of a 200 answer.";
        app.MapGet(Path, Get)
            .RequireCors(ReadOnlyCors.Policy)
            .WithName("OaiPmh").WithTags("Harvesting").WithSummary("OAI-PMH 2.0 repository").WithDescription(description)
            .AddOpenApiOperationTransformer(Document);
        app.MapPost(Path, Post)
            .DisableAntiforgery()
            .WithName("OaiPmhPost").WithTags("Harvesting").WithSummary("OAI-PMH 2.0 repository, arguments as a form").WithDescription(description)
            .AddOpenApiOperationTransformer(Document);
        return app;
    }

    public static async Task<FileContentHttpResult> Get(HttpContext http, OaiRepository repository, CancellationToken ct) =>
        Answer(await repository.AnswerAsync(http.Request.Query, ct));

    public static async Task<FileContentHttpResult> Post(HttpContext http, OaiRepository repository, CancellationToken ct)
    {
        // The protocol's POST is a form; any other body is read as no arguments, which answers badVerb.
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        return Answer(await repository.AnswerAsync(form ?? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)[], ct));
    }

    private static FileContentHttpResult Answer(byte[] document) => TypedResults.File(document, "text/xml; charset=utf-8");

    private static Task Document(OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "An OAI-PMH 2.0 document: the verb's answer, or its error elements",
            Content = new Dictionary<string, OpenApiMediaType> { ["text/xml"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "OAI-PMH XML" } } },
        };
        if (context.Description.HttpMethod == "GET")
        {
            operation.Parameters ??= [];
            foreach (var (name, about) in new[]
            {
                ("verb", "The request: Identify, ListMetadataFormats, ListSets, GetRecord, ListIdentifiers or ListRecords"),
                ("metadataPrefix", "oai_dc or oai_datacite"),
                ("identifier", "A record's OAI identifier (oai:<host>:<asset id>)"),
                ("set", "source:<source id>, domain:<domain>, or source or domain for every record"),
                ("from", "Records changed from this UTC datestamp on"),
                ("until", "Records changed until this UTC datestamp"),
                ("resumptionToken", "The token of the previous answer; given alone, with the verb"),
            })
            {
                operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Description = about, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            }
        }
        return Task.CompletedTask;
    }
}
