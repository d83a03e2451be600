namespace DiscoveryPortal.SearchApi;

/// <summary>The API on its own, for deployments without the portal pages.</summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://localhost:5081");
        }
        builder.Services.AddSearchApi(builder.Configuration, builder.Environment.ContentRootPath);
        var app = builder.Build();
        await app.SeedCatalogAsync();
        app.MapSearchApi();
        await app.RunAsync();
    }
}
