using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace DiscoveryPortal.SearchApi.OpenApi;

/// <summary>
/// The API's OpenAPI document (<c>/openapi/v1.json</c>) and its reference page (<c>/api/docs</c>, Scalar):
/// the portal's public URL as the server, the API key as a bearer security scheme required by the routes
/// that need an account, and the 4xx problems of each route (<see cref="ProblemResponses"/>).
/// </summary>
public static class ApiDocument
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string DocsPath = "/api/docs";
    public const string KeyScheme = "apiKey";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, context, ct) =>
        {
            var urls = context.ApplicationServices.GetRequiredService<PortalUrls>();
            document.Info = new OpenApiInfo
            {
                Title = "Discovery Portal API",
                Version = "v1",
                Description = "Search the catalogue of observations, datasets, tools and services (JSON, CSV or VOTable), read full records, keep baskets, " +
                    "launch tools with data attached, and curate records and sources. Reading needs no account; writing takes an API key " +
                    "(Authorization: Bearer dpk_..., made at /account) or the portal's sign-in cookie. The IVOA Simple Cone Search is at /vo/scs, the STAC API at /stac and OGC API – Records at /records.",
                Contact = new OpenApiContact { Name = "Discovery Portal", Url = urls.Base },
            };
            document.Servers = [new OpenApiServer { Url = urls.Base.GetLeftPart(UriPartial.Path).TrimEnd('/') }];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[KeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "dpk_...",
                Description = "An API key made at /account, shown once: Authorization: Bearer dpk_...",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, context.Document)] = [] }];
            }
            return Task.CompletedTask;
        });
    });

    /// <summary>The document and the reference page; the page runs Scalar's own script under a nonce, fonts from the portal.</summary>
    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi().RequireCors(ReadOnlyCors.Policy);
        app.MapScalarApiReference(DocsPath, o => o
            .WithTitle("Discovery Portal API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            // Nothing of the page calls Scalar's own services: no AI chat, telemetry or hosted tools.
            .DisableAgent()
            .DisableTelemetry()
            .DisableMcp()
            .HideDeveloperTools()
            .WithNonce());
        return app;
    }
}
