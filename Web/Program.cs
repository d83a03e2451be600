using DiscoveryPortal.SearchApi;
using DiscoveryPortal.SearchApi.Security;

namespace DiscoveryPortal.Web;

/// <summary>The portal: Razor Pages over the search API, which it hosts in-process.</summary>
public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var app = Build(args);
        await app.SeedCatalogAsync();
        await app.RunAsync();
    }

    public static WebApplication Build(string[] args)
    {
        // The application name is set so pages are found even when a test host builds the app.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        builder.Services.AddSearchApi(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton<Pages.Basket.CurrentBasket>();
        builder.Services.AddScoped<Pages.Search.TimeHistogram>();
        // The search page runs the same searches as /api/search, under the same per-address limit.
        builder.Services.AddRazorPages(o => o.Conventions.AddPageApplicationModelConvention("/Search/Index",
            page => page.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(SearchRateLimit.Policy))));
        var app = builder.Build();
        app.MapSearchApi();
        app.UsePageMethods();
        app.UseStaticFiles();
        app.MapRazorPages();
        return app;
    }
}
