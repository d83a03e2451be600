using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DiscoveryPortal.Web.Tests.Hostile;

/// <summary>A browser signed in on the portal: its cookie, and the Origin a page of the portal sends with its writes.</summary>
public static partial class PortalSession
{
    public const string Origin = "http://localhost";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = Token().Match(html).Groups["token"].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", Origin);
        return await client.SendAsync(request);
    }

    /// <summary>A client signed in as this account (the password must be right).</summary>
    public static async Task<HttpClient> SignInAsync(PortalFixture portal, string name, string password)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var answer = await PostFormAsync(client, "/account/login", "/account/login", new() { ["name"] = name, ["password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, answer.StatusCode);
        return client;
    }

    /// <summary>A request as a page of the portal sends it: with the portal's Origin.</summary>
    public static HttpRequestMessage FromPortal(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Origin", Origin);
        return request;
    }
}
