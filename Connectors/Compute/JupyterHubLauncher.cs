using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DiscoveryPortal.Connectors.Compute;

/// <summary>A facility could not start a session; the message says what it answered.</summary>
public sealed class LaunchException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A running session: where to open it, and how long it took to be ready.</summary>
public sealed record LaunchedSession(Uri OpenUrl, string ServerName, TimeSpan Startup);

/// <summary>
/// Starts a named server on a JupyterHub through its REST API as the portal's service: makes sure the
/// user exists, asks for the server with the manifest URL (and the GPU profile) in the spawn options,
/// polls until the hub says it is ready (bounded), and returns its URL with a short-lived user token so
/// the researcher's browser lands in the session. The hub's pre-spawn hook downloads the manifest's
/// files into the session's working folder before the server starts (ops/jupyterhub).
/// </summary>
public sealed class JupyterHubLauncher(HttpClient http, Uri hubUrl, string token, TimeProvider? clock = null)
{
    private readonly Uri _api = new(hubUrl.ToString().TrimEnd('/') + "/hub/api/");
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public async Task<LaunchedSession> LaunchAsync(string user, string serverName, Uri manifestUrl, string? profile, IProgress<string>? progress, CancellationToken ct)
    {
        var started = _clock.GetUtcNow();
        progress?.Report($"creating user {user} on {hubUrl}");
        using (var created = await SendAsync(HttpMethod.Post, $"users/{Uri.EscapeDataString(user)}", null, ct))
        {
            if (created.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict or HttpStatusCode.OK))
            {
                throw await FailAsync(created, "could not create the user", ct);
            }
        }
        var options = new JsonObject { ["manifest_url"] = manifestUrl.ToString() };
        if (profile is not null)
        {
            options["profile"] = profile;
        }
        progress?.Report($"starting server {serverName} with the data manifest");
        var server = $"users/{Uri.EscapeDataString(user)}/servers/{Uri.EscapeDataString(serverName)}";
        using (var start = await SendAsync(HttpMethod.Post, server, options.ToJsonString(), ct))
        {
            if (start.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.BadRequest))
            {
                throw await FailAsync(start, "refused to start the session (its log says why: most often a file of the manifest could not be fetched)", ct);
            }
            if (start.StatusCode == HttpStatusCode.BadRequest)
            {
                var body = await start.Content.ReadAsStringAsync(ct);
                if (!body.Contains("already running", StringComparison.OrdinalIgnoreCase))
                {
                    throw new LaunchException($"{hubUrl}: refused to start the session: {body}");
                }
            }
        }
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            using var state = await SendAsync(HttpMethod.Get, $"users/{Uri.EscapeDataString(user)}", null, ct);
            if (!state.IsSuccessStatusCode)
            {
                throw await FailAsync(state, "could not say how the session is doing", ct);
            }
            var json = JsonNode.Parse(await state.Content.ReadAsStringAsync(ct));
            var entry = json?["servers"]?[serverName];
            if (entry is null)
            {
                throw new LaunchException($"{hubUrl}: the session {serverName} stopped while starting (see the hub's log)");
            }
            if ((bool?)entry["ready"] == true)
            {
                var path = (string?)entry["url"] ?? $"/user/{user}/{serverName}/";
                var userToken = await UserTokenAsync(user, ct);
                var open = new Uri(new Uri(hubUrl.GetLeftPart(UriPartial.Authority)), path + "?token=" + Uri.EscapeDataString(userToken));
                return new LaunchedSession(open, serverName, _clock.GetUtcNow() - started);
            }
            if (_clock.GetUtcNow() - started > ReadyTimeout)
            {
                throw new LaunchException($"{hubUrl}: the session was not ready after {ReadyTimeout.TotalSeconds:F0} s (pending: {(string?)entry["pending"] ?? "none"})");
            }
            progress?.Report($"waiting for the session ({(string?)entry["pending"] ?? "starting"})");
            await Task.Delay(delay, _clock, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 2000));
        }
    }

    public async Task StopAsync(string user, string serverName, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"users/{Uri.EscapeDataString(user)}/servers/{Uri.EscapeDataString(serverName)}?remove=true", null, ct);
    }

    /// <summary>A token for the user, valid an hour, so the browser opens the session without a second sign-in.</summary>
    private async Task<string> UserTokenAsync(string user, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, $"users/{Uri.EscapeDataString(user)}/tokens", """{"expires_in": 3600, "note": "portal launch"}""", ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailAsync(response, "could not issue a token for the user", ct);
        }
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return document.RootElement.GetProperty("token").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_api, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("token", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new LaunchException($"{hubUrl}: the hub does not answer ({e.Message})", e);
        }
    }

    private async Task<LaunchException> FailAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        return new LaunchException($"{hubUrl}: {what}: HTTP {(int)response.StatusCode} {Http.SourceClient.Sample(body)}");
    }
}
