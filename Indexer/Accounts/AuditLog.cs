using System.Text.Json;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Accounts;

/// <summary>One change: who, when, what, and the target before and after.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Before, string? After);

/// <summary>The audit log in the catalogue database: entries are added, never changed or removed.</summary>
public interface IAuditStore
{
    /// <summary>Adds the entry (its id is the store's to give) inside the write when there is one.</summary>
    Task AddAsync(CatalogWrite? write, AuditEntry entry, CancellationToken ct);

    /// <summary>The latest entries, newest first, of one target or of all.</summary>
    Task<IReadOnlyList<AuditEntry>> RecentAsync(string? target, int limit, CancellationToken ct);
}

/// <summary>Records who changed what, when, from what to what; entries are never changed or removed.</summary>
public sealed class AuditLog(IAuditStore store, TimeProvider clock)
{
    /// <summary>The actor named for what the command line does.</summary>
    public const string CommandLine = "command line";

    public Task RecordAsync(string actor, string action, string target, object? before, object? after, CancellationToken ct) =>
        RecordAsync(null, actor, action, target, before, after, ct);

    /// <summary>Records the entry inside the write of the change it describes, so neither is kept without the other.</summary>
    public Task RecordAsync(CatalogWrite? write, string actor, string action, string target, object? before, object? after, CancellationToken ct) =>
        store.AddAsync(write, new AuditEntry(0, clock.GetUtcNow(), actor, action, target, Json(before), Json(after)), ct);

    public Task<IReadOnlyList<AuditEntry>> RecentAsync(string? target, int limit, CancellationToken ct) => store.RecentAsync(target, limit, ct);

    private static string? Json(object? value) => value switch
    {
        null => null,
        AssetRecord record => RecordJson.Serialize(record),
        _ => JsonSerializer.Serialize(value, RecordJson.Options),
    };
}
