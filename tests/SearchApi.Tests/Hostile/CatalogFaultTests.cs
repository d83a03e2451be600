using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Tests;
using DiscoveryPortal.SearchApi.Tests.Harvest;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.SearchApi.Tests.Hostile;

/// <summary>
/// The portal on a catalogue that cannot take writes (its disk full, its file read-only): searching and
/// reading go on, and every write answers 503 with a problem naming the cause, never a 500; once there is
/// room again, writes work.
/// </summary>
public sealed class CatalogFaultTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-api-faults-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TemporaryFolder.Delete(_directory);
    }

    private static object Record(string id, string title) => new
    {
        id = $"team:{id}",
        sourceId = "team",
        title,
        description = "Registered by its archive team.",
        domain = "Space Science",
    };

    private static async Task<HttpClient> CuratorAsync(HarvestHost host)
    {
        var accounts = host.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("alice", "correct horse battery staple", Roles.Curator, ["team"]);
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await accounts.CreateKeyAsync("alice", "tests", [Scopes.AssetsWrite], CancellationToken.None)).Secret);
        return client;
    }

    private static StringContent Csv(int rows)
    {
        var padding = new string('x', 400);
        var text = "id,title,domain,description\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"row{i},Imported {i},Space Science,{padding}\n"));
        return new StringContent(text, Encoding.UTF8, "text/csv");
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string cause)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(cause, (string?)problem["cause"]);
        Assert.Contains(cause == "disk-full" ? "holding the catalogue is full" : "catalogue is read-only", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private static async Task AssertReadsGoOnAsync(HttpClient client, int total)
    {
        var search = await client.GetFromJsonAsync<JsonObject>("/api/search?q=crab");
        Assert.Equal(1, (int)search!["total"]!);
        Assert.Equal(total, (int)(await client.GetFromJsonAsync<JsonObject>("/api/search"))!["total"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/assets/team%3Aone")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sources")).StatusCode);
    }

    [DiskFaultFact]
    public async Task A_full_disk_keeps_reads_going_and_answers_writes_503_until_there_is_room()
    {
        using var disk = DiskFaults.Mount(16);
        using var host = new HarvestHost(Path.Combine(disk.Path, "catalog.db"));
        using var client = await CuratorAsync(host);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/assets", Record("one", "Crab nebula mosaic"))).StatusCode);
        // Searched once while there is room: the index's view holds it (a full disk keeps searches on the last view).
        await AssertReadsGoOnAsync(client, 1);

        var filler = DiskFaults.Fill(disk.Path);
        await AssertUnavailableAsync(await client.PostAsync("/api/imports?mode=valid", Csv(3000)), "disk-full");
        await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/assets", Record("two", "Orion bar spectra")), "disk-full");
        await AssertReadsGoOnAsync(client, 1);

        File.Delete(filler);
        var imported = await client.PostAsync("/api/imports?mode=valid", Csv(3000));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        Assert.Equal(3001, (int)(await client.GetFromJsonAsync<JsonObject>("/api/search"))!["total"]!);
    }

    /// <summary>Stores one record with a curator's key, makes the catalogue file read-only, and runs <paramref name="act"/> on a host reading it.</summary>
    private async Task OnReadOnlyCatalogueAsync(Func<HttpClient, Task> act)
    {
        var catalog = Path.Combine(_directory, "catalog.db");
        string key;
        using (var setup = new HarvestHost(catalog))
        {
            using var client = await CuratorAsync(setup);
            key = client.DefaultRequestHeaders.Authorization!.Parameter!;
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/assets", Record("one", "Crab nebula mosaic"))).StatusCode);
        }
        SqliteConnection.ClearAllPools();

        using (DiskFaults.Immutable(catalog))
        {
            using var host = new HarvestHost(catalog);
            using var client = host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            await act(client);
            SqliteConnection.ClearAllPools();
        }
    }

    [DiskFaultFact]
    public async Task A_read_only_catalogue_keeps_reads_going_and_answers_writes_503_naming_the_cause()
    {
        await OnReadOnlyCatalogueAsync(async client =>
        {
            await AssertReadsGoOnAsync(client, 1);
            await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/assets", Record("two", "Orion bar spectra")), "read-only");
            await AssertUnavailableAsync(await client.PutAsJsonAsync("/api/assets/team%3Aone", Record("one", "Crab nebula, corrected")), "read-only");
            await AssertUnavailableAsync(await client.DeleteAsync("/api/assets/team%3Aone"), "read-only");
            await AssertUnavailableAsync(await client.PostAsync("/api/imports?mode=valid", Csv(10)), "read-only");
            await AssertReadsGoOnAsync(client, 1);
        });
    }

    [DiskFaultFact]
    public async Task A_background_import_on_a_read_only_catalogue_ends_failed_saying_why_and_stores_nothing()
    {
        await OnReadOnlyCatalogueAsync(async client =>
        {
            // The job is queued before anything is written, so the answer is still a 202; the job says what stopped it.
            var answer = await client.PostAsync("/api/imports?mode=valid&wait=false", Csv(10));
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            var location = answer.Headers.Location!.OriginalString;
            JsonObject job;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            do
            {
                await Task.Delay(50);
                job = (await client.GetFromJsonAsync<JsonObject>(location))!;
            }
            while ((string)job["state"]! is not ("done" or "failed") && DateTime.UtcNow < deadline);

            Assert.Equal("failed", (string)job["state"]!);
            Assert.Equal("The catalogue is read-only; nothing was stored. Try the import again later.", (string?)job["error"]);
            Assert.Null(job["result"]);
            Assert.Equal(0, (long)job["rowsStored"]!);
            await AssertReadsGoOnAsync(client, 1);
        });
    }
}
