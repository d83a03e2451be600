using System.Text.Json;
using Dapper;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Launch;

namespace DiscoveryPortal.Indexer.PostgreSql;

/// <summary>Data manifests and the launch history in the PostgreSQL catalogue: a manifest link made on one node opens on any.</summary>
public sealed class PostgreSqlLaunchStore(PostgreSqlDatabase database) : ILaunchStore
{
    public async Task SaveAsync(DataManifest manifest, CancellationToken ct)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO manifests (id, created_at, manifest_json) VALUES (@Id, @Created, @Json)",
            new { manifest.Id, Created = manifest.Created.ToString("O"), Json = JsonSerializer.Serialize(manifest, RecordJson.Options) }, cancellationToken: ct));
    }

    public async Task<DataManifest?> GetManifestAsync(string id, CancellationToken ct)
    {
        await using var connection = database.Open();
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("SELECT manifest_json FROM manifests WHERE id = @id", new { id }, cancellationToken: ct));
        return json is null ? null : JsonSerializer.Deserialize<DataManifest>(json, RecordJson.Options);
    }

    public async Task RecordAsync(LaunchRecord launch, CancellationToken ct)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO launches (id, manifest_id, tool_id, facility_id, user_name, status, session_url, error, started_at, ready_ms) " +
            "VALUES (@Id, @ManifestId, @ToolId, @FacilityId, @User, @Status, @SessionUrl, @Error, @Started, @ReadyMs)",
            new { launch.Id, launch.ManifestId, launch.ToolId, launch.FacilityId, launch.User, launch.Status, launch.SessionUrl, launch.Error, Started = launch.StartedAt.ToString("O"), launch.ReadyMs },
            cancellationToken: ct));
    }

    public async Task<IReadOnlyList<LaunchRecord>> HistoryAsync(string owner, string? manifestId, int limit, CancellationToken ct)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<LaunchRow>(new CommandDefinition(
            "SELECT id AS Id, manifest_id AS ManifestId, tool_id AS ToolId, facility_id AS FacilityId, user_name AS UserName, status AS Status, session_url AS SessionUrl, " +
            "error AS Error, started_at AS StartedAt, ready_ms AS ReadyMs FROM launches WHERE user_name = @owner AND (@manifestId::text IS NULL OR manifest_id = @manifestId) ORDER BY started_at DESC LIMIT @limit",
            new { owner, manifestId, limit }, cancellationToken: ct));
        return rows.Select(r => r.Launch).ToList();
    }
}
