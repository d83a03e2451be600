using System.Security.Cryptography;

namespace DiscoveryPortal.Indexer.Launch;

/// <summary>Data manifests and the launch history in the catalogue database.</summary>
public interface ILaunchStore
{
    /// <summary>An id no one can guess: 128 random bits, URL-safe (manifests, launches and baskets are reached by it).</summary>
    static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    Task SaveAsync(DataManifest manifest, CancellationToken ct);

    Task<DataManifest?> GetManifestAsync(string id, CancellationToken ct);

    Task RecordAsync(LaunchRecord launch, CancellationToken ct);

    /// <summary>One owner's launches (the user they ran as), newest first, of one manifest when given.</summary>
    Task<IReadOnlyList<LaunchRecord>> HistoryAsync(string owner, string? manifestId, int limit, CancellationToken ct);
}

/// <summary>A launch's row as every backend reads it (the start as ISO 8601 text).</summary>
public sealed record LaunchRow(string Id, string ManifestId, string ToolId, string FacilityId, string? UserName, string Status, string? SessionUrl, string? Error, string StartedAt, long? ReadyMs)
{
    public LaunchRecord Launch => new(Id, ManifestId, ToolId, FacilityId, UserName, Status, SessionUrl, Error,
        DateTimeOffset.Parse(StartedAt, System.Globalization.CultureInfo.InvariantCulture), ReadyMs);
}
