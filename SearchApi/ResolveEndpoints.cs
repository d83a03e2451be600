using DiscoveryPortal.Indexer.Names;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiscoveryPortal.SearchApi;

/// <summary>An object's names, J2000 position and radius in degrees, and where the position comes from.</summary>
public sealed record ResolvedName(string Name, IReadOnlyList<string> Names, double Ra, double Dec, double Radius, string Origin)
{
    public static ResolvedName From(SkyObject o) => new(o.Name, o.Names, o.Ra, o.Dec, o.Radius, o.Origin);
}

/// <summary><c>GET /api/resolve?name=</c>: an object name ("M 51", "Sco X-1", "Whirlpool Galaxy") to a sky position, offline.</summary>
public static class ResolveEndpoints
{
    /// <summary>Longer text is no object name.</summary>
    public const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapResolveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/resolve", Resolve)
            .RequireCors(Security.ReadOnlyCors.Policy)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ResolveName")
            .WithTags("Names")
            .WithSummary("Resolve an object name to a sky position")
            .WithDescription("OpenNGC (NGC, IC, Messier, Caldwell, common names), a curated list of famous objects, and target names the catalogue holds. " +
                "Case, spaces, hyphens and leading zeros do not matter; constellation names and Greek letters may be written out or abbreviated.");
        return app;
    }

    public static Results<Ok<ResolvedName>, ProblemHttpResult> Resolve(string? name, NameResolver resolver)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No name to resolve.",
                detail: $"name is an object name of 1 to {MaxNameLength} characters.");
        }
        if (resolver.Resolve(name) is not { } found)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown object name.",
                detail: $"No object is known by the name '{name.Trim()}'.");
        }
        return TypedResults.Ok(ResolvedName.From(found));
    }
}
