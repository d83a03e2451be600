namespace DiscoveryPortal.SearchApi;

/// <summary>The API on its own, for deployments without the portal pages.</summary>
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
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://localhost:5081");
        }
        builder.Services.AddSearchApi(builder.Configuration, builder.Environment.ContentRootPath);
        var app = builder.Build();
        app.MapSearchApi();
        return app;
    }
}
