using Dapper;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.Zenodo;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Sources;
using Microsoft.Data.Sqlite;

namespace DiscoveryPortal.Indexer.Tests.Sources;

/// <summary>A registered source's change or removal (with the records it withdraws) and its audit entry commit together.</summary>
public sealed class SourceRegistrationTests : IDisposable
{
    private static readonly Account Alice = new("alice", Roles.Curator, ["team-src"], []);

    private readonly TestCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    private static SourceDefinition Definition(string title) =>
        new() { Id = "team-src", Title = title, Kind = ZenodoKind.Key, Url = "https://zenodo.example/", Options = new ZenodoOptions { Community = "team" } };

    [Fact]
    public async Task A_change_or_removal_whose_audit_entry_fails_leaves_the_source_and_its_records_as_they_were()
    {
        var ct = CancellationToken.None;
        var probe = new SourceProbeResult(true, "read", [], [], 0.1, TestCatalog.Now);
        await _catalog.Pipeline.WriteAsync(write => _catalog.Get<SourceRegistry>().AddAsync(write, Definition("First title"), "alice", probe, ct), ct);
        await _catalog.AddAsync(new AssetRecord { Id = "team-src:a", SourceId = "team-src", Title = "Harvested", Description = "From the source." });
        using (var connection = _catalog.Database.Open())
        {
            connection.Execute("CREATE TRIGGER injected_failure BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        }
        var registration = _catalog.Get<SourceRegistration>();

        await Assert.ThrowsAsync<SqliteException>(() => registration.UpdateAsync(Definition("Second title"), Alice, ct));
        await Assert.ThrowsAsync<SqliteException>(() => registration.RemoveAsync("team-src", Alice, ct, withdrawRecords: true));

        Assert.Equal("First title", (await _catalog.Get<SourceRegistry>().FindAsync("team-src", ct))!.Definition.Title);
        Assert.Null((await _catalog.Catalog.GetAsync("team-src:a", ct))!.WithdrawnAt);
        using (var connection = _catalog.Database.Open())
        {
            connection.Execute("DROP TRIGGER injected_failure");
        }
        Assert.True((await registration.RemoveAsync("team-src", Alice, ct, withdrawRecords: true)).Ok);
        Assert.Null(await _catalog.Get<SourceRegistry>().FindAsync("team-src", ct));
        Assert.NotNull((await _catalog.Catalog.GetAsync("team-src:a", ct))!.WithdrawnAt);
        Assert.Equal("remove-source", Assert.Single(await _catalog.Get<AuditLog>().RecentAsync("source:team-src", 10, ct)).Action);
    }
}
