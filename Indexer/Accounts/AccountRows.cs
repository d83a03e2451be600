using System.Globalization;
using System.Text.Json;

namespace DiscoveryPortal.Indexer.Accounts;

/// <summary>An account's row as every backend reads it (lists as JSON text).</summary>
public sealed record AccountRow(string Name, string Hash, string Role, string Sources, string Missions)
{
    public Account Account => new(Name, Role, JsonSerializer.Deserialize<List<string>>(Sources) ?? [], JsonSerializer.Deserialize<List<string>>(Missions) ?? []);
}

/// <summary>A live key's row with its account's, as every backend reads it.</summary>
public sealed record KeyRow(string Hash, string Scopes, string Name, string Role, string Sources, string Missions)
{
    public StoredKey Key => new(Hash, Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), new AccountRow(Name, "", Role, Sources, Missions).Account);
}

/// <summary>A key's row as lists show it (times as ISO 8601 text).</summary>
public sealed record KeyInfoRow(string Id, string Label, string Scopes, string Created, string? Revoked, string? LastUsed)
{
    public ApiKeyInfo Info => new(Id, Label, Scopes.Split(' '), Parse(Created)!.Value, Parse(Revoked), Parse(LastUsed));

    private static DateTimeOffset? Parse(string? text) => text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>An audit entry's row as every backend reads it.</summary>
public sealed record AuditRow(long Id, string At, string Actor, string Action, string Target, string? Before, string? After)
{
    public AuditEntry Entry => new(Id, DateTimeOffset.Parse(At, CultureInfo.InvariantCulture), Actor, Action, Target, Before, After);
}
