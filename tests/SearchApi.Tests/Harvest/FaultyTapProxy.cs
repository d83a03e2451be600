using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Harvest;

/// <summary>What the proxy does to one answer: pass it, replace it with an HTTP status, or cut its body short.</summary>
public enum Fault
{
    None,
    ServiceUnavailable,
    Truncate,
}

/// <summary>
/// A real HTTP server on loopback in front of the local DaCHS that passes requests through and spoils
/// the answers a test picks: how a harvest meets an overloaded or broken archive.
/// </summary>
public sealed class FaultyTapProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new() { BaseAddress = new Uri("http://127.0.0.1:8090/") };
    private int _requests;

    private FaultyTapProxy(Func<int, string, Fault> decide, Func<string, string>? rewrite)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(async context =>
        {
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            if (rewrite is not null && context.Request.HasFormContentType)
            {
                body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(rewrite(System.Text.Encoding.UTF8.GetString(body.ToArray()))));
            }
            var form = context.Request.HasFormContentType ? System.Text.Encoding.UTF8.GetString(body.ToArray()) : context.Request.QueryString.Value ?? "";
            var query = WebUtility.UrlDecode(form);
            var fault = decide(Interlocked.Increment(ref _requests), query);
            if (fault == Fault.ServiceUnavailable)
            {
                context.Response.StatusCode = 503;
                await context.Response.WriteAsync("overloaded, try again");
                return;
            }
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString);
            if (body.Length > 0)
            {
                request.Content = new ByteArrayContent(body.ToArray());
                request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
            }
            using var response = await _upstream.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await context.Response.Body.WriteAsync(fault == Fault.Truncate ? bytes.AsMemory(0, bytes.Length / 2) : bytes);
        });
    }

    public Uri TapUrl { get; private set; } = null!;

    public int Requests => _requests;

    /// <summary>Starts the proxy; <paramref name="rewrite"/> may change each form-encoded request body on its way to DaCHS.</summary>
    public static async Task<FaultyTapProxy> StartAsync(Func<int, string, Fault> decide, Func<string, string>? rewrite = null)
    {
        var proxy = new FaultyTapProxy(decide, rewrite);
        await proxy._app.StartAsync();
        var address = proxy._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.TapUrl = new Uri(address.TrimEnd('/') + "/tap");
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
