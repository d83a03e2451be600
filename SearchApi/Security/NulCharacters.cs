namespace DiscoveryPortal.SearchApi.Security;

/// <summary>
/// Refuses a query string holding a NUL character (<c>%00</c>). No parameter means anything with one, and
/// PostgreSQL cannot hold one in text: a look-up by such a value would fail there instead of finding nothing.
/// Refused here, every backend and route answers the same clear 400.
/// </summary>
public static class NulCharacters
{
    public const string Detail = "The query string holds a NUL character (%00), which no parameter may contain.";

    public static IApplicationBuilder UseNulCharacterCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.QueryString.Value is { } query && query.Contains("%00", StringComparison.Ordinal))
        {
            await ErrorProblems.RefuseAsync(context, StatusCodes.Status400BadRequest, "The request could not be read.", Detail);
            return;
        }
        await next(context);
    });
}
