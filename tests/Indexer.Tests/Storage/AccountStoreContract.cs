using DiscoveryPortal.Indexer.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Indexer.Tests.Storage;

/// <summary>What every backend's <see cref="IAccountStore"/> and <see cref="IAuditStore"/> do.</summary>
public abstract class AccountStoreContract<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private readonly TBackend _backend = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    public void Dispose() => _backend.Dispose();

    private IAccountStore Store => _backend.Get<IAccountStore>();

    [StoreFact]
    public async Task An_account_is_added_once_and_found_with_its_hash()
    {
        var alice = new Account("alice", Roles.Curator, ["esa-hst"], ["JWST"]);
        Assert.True(await Store.AddAsync(alice, "hash-1", TestCatalog.Now, Ct));
        Assert.False(await Store.AddAsync(alice with { Role = Roles.Administrator }, "hash-2", TestCatalog.Now, Ct));
        await Store.SetPasswordHashAsync("alice", "hash-3", Ct);

        var found = await Store.FindAsync("alice", Ct);
        Assert.Equal(("curator", "hash-3", "esa-hst", "JWST"), (found!.Account.Role, found.PasswordHash, Assert.Single(found.Account.Sources), Assert.Single(found.Account.Missions)));
        Assert.Null(await Store.FindAsync("bob", Ct));
    }

    [StoreFact]
    public async Task A_key_is_live_until_revoked_and_listed_oldest_first()
    {
        await Store.AddAsync(new Account("alice", Roles.Curator, [], []), "hash", TestCatalog.Now, Ct);
        await Store.AddKeyAsync("alice", new ApiKeyInfo("k1", "first", [Scopes.AssetsWrite], TestCatalog.Now, null, null), "sha-1", Ct);
        await Store.AddKeyAsync("alice", new ApiKeyInfo("k2", "second", [Scopes.AssetsWrite, Scopes.SourcesWrite], TestCatalog.Now.AddMinutes(1), null, null), "sha-2", Ct);
        await Store.TouchKeyAsync("k2", TestCatalog.Now.AddMinutes(2), Ct);

        var live = await Store.LiveKeyAsync("k2", Ct);
        Assert.Equal(("sha-2", 2, "alice"), (live!.SecretSha256, live.Scopes.Count, live.Account.Name));
        Assert.True(await Store.RevokeKeyAsync("alice", "k1", TestCatalog.Now.AddMinutes(3), Ct));
        Assert.False(await Store.RevokeKeyAsync("alice", "k1", TestCatalog.Now.AddMinutes(4), Ct));
        Assert.False(await Store.RevokeKeyAsync("bob", "k2", TestCatalog.Now, Ct));
        Assert.Null(await Store.LiveKeyAsync("k1", Ct));

        var keys = await Store.KeysAsync("alice", Ct);
        Assert.Equal(["k1", "k2"], keys.Select(k => k.Id));
        Assert.Equal(TestCatalog.Now.AddMinutes(3), keys[0].Revoked);
        Assert.Equal(TestCatalog.Now.AddMinutes(2), keys[1].LastUsed);
    }

    [StoreFact]
    public async Task An_audit_entry_in_a_write_is_kept_only_with_it_and_the_newest_come_first()
    {
        var audit = _backend.Get<IAuditStore>();
        using (var write = _backend.Catalog.BeginWrite())
        {
            await audit.AddAsync(write, new AuditEntry(0, TestCatalog.Now, "alice", "register", "asset:a", null, "{}"), Ct);
        }
        Assert.Empty(await audit.RecentAsync(null, 10, Ct));
        using (var write = _backend.Catalog.BeginWrite())
        {
            await audit.AddAsync(write, new AuditEntry(0, TestCatalog.Now, "alice", "register", "asset:a", null, "{\"v\":1}"), Ct);
            write.Commit();
        }
        await audit.AddAsync(null, new AuditEntry(0, TestCatalog.Now, "bob", "withdraw", "asset:b", "{}", null), Ct);

        Assert.Equal(["withdraw", "register"], (await audit.RecentAsync(null, 10, Ct)).Select(e => e.Action));
        var entry = Assert.Single(await audit.RecentAsync("asset:a", 10, Ct));
        Assert.Equal(("alice", TestCatalog.Now, "{\"v\":1}"), (entry.Actor, entry.At, entry.After));
        Assert.Single(await audit.RecentAsync(null, 1, Ct));
    }

    [StoreFact]
    public void What_one_node_protects_with_the_key_ring_another_node_reads()
    {
        static void DataProtection(IServiceCollection services)
        {
            services.AddDataProtection().SetApplicationName("DiscoveryPortal");
            services.AddSingleton<KeyRing>();
            services.AddOptions<KeyManagementOptions>().Configure<KeyRing>((o, ring) => o.XmlRepository = ring);
        }
        using var first = _backend.Node(DataProtection);
        using var second = _backend.Node(DataProtection);
        var cookie = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in").Protect("alice");

        Assert.Equal("alice", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in").Unprotect(cookie));
        Assert.Single(_backend.Get<IKeyRingStore>().All());
    }
}

public sealed class SqliteAccountStoreTests : AccountStoreContract<SqliteBackend>;

public sealed class PostgreSqlAccountStoreTests : AccountStoreContract<PostgreSqlBackend>;
