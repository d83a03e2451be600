namespace DiscoveryPortal.Web;

/// <summary>
/// Pages answer GET, HEAD and (for their forms) POST; any other method on a path outside the API
/// (TRACE, PUT, PATCH, DELETE, ...) is refused with 405 before a page could render without its handler.
/// </summary>
public static class PageMethods
{
    public static readonly string Allowed = string.Join(", ", HttpMethods.Get, HttpMethods.Head, HttpMethods.Post);

    public static IApplicationBuilder UsePageMethods(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var method = context.Request.Method;
        if (!context.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsPost(method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = Allowed;
            return;
        }
        await next(context);
    });
}
