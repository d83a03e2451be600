using System.Collections.Concurrent;
using System.Net;
using DiscoveryPortal.Indexer.Accounts;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.SearchApi.Security;

/// <summary>Section <c>SignIn</c>: how many failed sign-ins lock an account or a client address out, and for how long.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>Failed sign-ins to one account, within <see cref="LockoutMinutes"/>, that lock it.</summary>
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed sign-ins from one address (to any accounts) that lock the address.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    public int LockoutMinutes { get; set; } = 15;
}

/// <summary>
/// Throttles password guessing: failed sign-ins are counted per account and per client address; past
/// the limit, that account or address is locked for a while, during which even the right password does
/// not sign in. Each lockout is written to the audit log. Counts are kept in memory, per process.
/// </summary>
public sealed class SignInGuard(IOptions<SignInOptions> options, AuditLog audit, TimeProvider clock)
{
    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(int Failures, DateTimeOffset Since, DateTimeOffset? LockedUntil);

    /// <summary>Until when this account or address is locked, or null when a sign-in may be tried.</summary>
    public DateTimeOffset? LockedUntil(string name, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        return new[] { AccountKey(name), AddressKey(address) }
            .Select(k => _entries.TryGetValue(k, out var e) && e.LockedUntil > now ? e.LockedUntil : null)
            .Max();
    }

    /// <summary>Counts a failed sign-in; locks (and audits) the account or address it takes past its limit.</summary>
    public async Task FailedAsync(string name, IPAddress? address, CancellationToken ct)
    {
        var settings = options.Value;
        if (_entries.Count > MaxTracked)
        {
            Forget();
        }
        foreach (var (key, limit) in new[] { (AccountKey(name), settings.MaxFailuresPerAccount), (AddressKey(address), settings.MaxFailuresPerAddress) })
        {
            var now = clock.GetUtcNow();
            var window = TimeSpan.FromMinutes(settings.LockoutMinutes);
            var entry = _entries.AddOrUpdate(key, _ => new Entry(1, now, null), (_, e) => e.LockedUntil is { } until && until <= now || now - e.Since > window
                ? new Entry(1, now, null)
                : e with { Failures = e.Failures + 1 });
            if (entry.LockedUntil is null && entry.Failures >= limit)
            {
                var locked = entry with { LockedUntil = now + window };
                _entries[key] = locked;
                await audit.RecordAsync("sign-in", "lockout", key, null, new { failures = entry.Failures, until = locked.LockedUntil }, ct);
            }
        }
    }

    /// <summary>A successful sign-in clears the account's count (not the address's).</summary>
    public void Succeeded(string name) => _entries.TryRemove(AccountKey(name), out _);

    private void Forget()
    {
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromMinutes(options.Value.LockoutMinutes);
        foreach (var (key, entry) in _entries)
        {
            if (entry.LockedUntil is null ? now - entry.Since > window : entry.LockedUntil <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private static string AccountKey(string name) => "account:" + name.Trim().ToLowerInvariant();

    private static string AddressKey(IPAddress? address) =>
        "address:" + (address is null ? "unknown" : address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString());
}
