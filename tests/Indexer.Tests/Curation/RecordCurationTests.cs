using Dapper;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Curation;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Search.Query;
using Microsoft.Data.Sqlite;

namespace DiscoveryPortal.Indexer.Tests.Curation;

/// <summary>
/// A registration, its asset row, its change number and its audit entry commit in one transaction: a failure
/// injected between the parts (a trigger that aborts one of the inserts) leaves none of them, and the id can
/// be registered again; a curation without its asset, as older versions could leave, blocks nothing.
/// </summary>
public sealed class RecordCurationTests : IDisposable
{
    private static readonly Account Alice = new("alice", Roles.Curator, ["team"], []);

    private readonly TestCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    private RecordCuration Curation => _catalog.Get<RecordCuration>();

    private static AssetRecord Registration(string id, string title) => new()
    {
        Id = "team:" + id,
        SourceId = "team",
        Title = title,
        Description = "Registered by its archive team.",
        Domain = "Space Science",
    };

    /// <summary>Makes every insert into <paramref name="table"/> (of rows matching <paramref name="when"/>) fail, as a kill or a full disk would there.</summary>
    private void FailInsertsInto(string table, string when = "1")
    {
        using var connection = _catalog.Database.Open();
        connection.Execute($"CREATE TRIGGER injected_failure BEFORE INSERT ON {table} WHEN {when} BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    }

    private void Heal()
    {
        using var connection = _catalog.Database.Open();
        connection.Execute("DROP TRIGGER injected_failure");
    }

    private (long Curations, long Assets, long Audit, long Sequence) Stored(string id)
    {
        using var connection = _catalog.Database.Open();
        return (connection.ExecuteScalar<long>("SELECT count(*) FROM curations WHERE registered_id = @id", new { id }),
            connection.ExecuteScalar<long>("SELECT count(*) FROM assets WHERE id = @id", new { id }),
            connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE target = @id", new { id }),
            connection.ExecuteScalar<long>("SELECT value FROM catalog_sequence"));
    }

    [Theory]
    [InlineData("assets")]    // between the curation and the asset row
    [InlineData("audit_log")] // between the asset row and its audit entry
    public async Task A_failure_between_the_parts_of_a_registration_leaves_none_of_them_and_the_id_stays_free(string failing)
    {
        var before = Stored("team:one");
        FailInsertsInto(failing);
        var e = await Assert.ThrowsAsync<SqliteException>(() => Curation.RegisterAsync(Registration("one", "Crab nebula mosaic"), Alice, CancellationToken.None));
        Assert.Contains("injected failure", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Stored("team:one"));
        Assert.Equal(0, (await _catalog.SearchAsync(new SearchRequest { Query = QueryParser.Parse("crab") })).Total);

        Heal();
        var registered = await Curation.RegisterAsync(Registration("one", "Crab nebula mosaic"), Alice, CancellationToken.None);
        Assert.Equal(CurationOutcome.Done, registered.Outcome);
        Assert.Equal((1L, 1L, 1L, before.Sequence + 1), Stored("team:one"));
        Assert.Equal("team:one", Assert.Single((await _catalog.SearchAsync(new SearchRequest { Query = QueryParser.Parse("crab") })).Hits).Record.Id);
    }

    [Fact]
    public async Task A_correction_or_withdrawal_whose_audit_entry_fails_changes_nothing()
    {
        Assert.Equal(CurationOutcome.Done, (await Curation.RegisterAsync(Registration("two", "First title"), Alice, CancellationToken.None)).Outcome);
        var before = Stored("team:two");
        FailInsertsInto("audit_log");

        await Assert.ThrowsAsync<SqliteException>(() => Curation.ReplaceAsync("team:two", Registration("two", "Second title"), Alice, CancellationToken.None));
        await Assert.ThrowsAsync<SqliteException>(() => Curation.WithdrawAsync("team:two", Alice, CancellationToken.None));

        Assert.Equal(before, Stored("team:two"));
        var stored = await _catalog.Catalog.GetAsync("team:two", CancellationToken.None);
        Assert.Equal(("First title", (DateTimeOffset?)null), (stored!.Record.Title, stored.WithdrawnAt));
        Assert.Equal("First title", (string?)(await _catalog.Get<ICurationStore>().ByRegisteredIdAsync("team:two", CancellationToken.None))!.Fields["title"]);
    }

    [Fact]
    public async Task An_orphan_curation_left_by_an_older_version_does_not_block_registering_its_id()
    {
        using (var connection = _catalog.Database.Open())
        {
            // What a kill between the two transactions of older versions left: a curation, no asset.
            connection.Execute("INSERT INTO curations (registered_id, asset_id, doi, fields_json, base_json, curator, updated_at) " +
                "VALUES ('team:orphan', 'team:orphan', '10.5555/orphan', '{\"title\":\"Lost\"}', NULL, 'alice', '2026-11-01T00:00:00Z')");
        }
        Assert.Equal(CurationOutcome.NotFound, (await Curation.ReplaceAsync("team:orphan", Registration("orphan", "Found"), Alice, CancellationToken.None)).Outcome);

        var registered = await Curation.RegisterAsync(Registration("orphan", "Found again") with { Doi = "10.5555/orphan" }, Alice, CancellationToken.None);

        Assert.True(registered.Outcome == CurationOutcome.Done, registered.Message);
        Assert.Equal("Found again", (await _catalog.Catalog.GetAsync("team:orphan", CancellationToken.None))!.Record.Title);
        Assert.Equal("Found again", (string?)(await _catalog.Get<ICurationStore>().ByRegisteredIdAsync("team:orphan", CancellationToken.None))!.Fields["title"]);
        // Another id with the orphan's DOI is no conflict with the orphan either, only with the stored registration.
        Assert.Equal(CurationOutcome.Conflict, (await Curation.RegisterAsync(Registration("other", "Twin") with { Doi = "10.5555/orphan" }, Alice, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task An_import_stopped_by_a_failure_keeps_whole_batches_each_with_its_audit_entry()
    {
        var csv = Path.Combine(_catalog.Directory, "team.csv");
        await File.WriteAllLinesAsync(csv, new[] { "id,title,domain" }.Concat(Enumerable.Range(1, 2500).Select(i => $"row{i},Record {i},Space Science")));
        // Row 2,102 of the file (record 2,101) is in the second batch of 2,000.
        FailInsertsInto("assets", "NEW.id = 'team:row2101'");

        var stopped = await Assert.ThrowsAsync<IngestStoppedException>(() =>
            _catalog.Get<ImportService>().ImportAsync(csv, "team", ImportMode.Valid, null, null, CancellationToken.None));

        Assert.Equal(2001, stopped.StoredThroughRow);
        Assert.Contains("injected failure", stopped.InnerException!.Message, StringComparison.Ordinal);
        using var connection = _catalog.Database.Open();
        Assert.Equal(2000, connection.ExecuteScalar<long>("SELECT count(*) FROM assets"));
        Assert.Equal(2000, connection.ExecuteScalar<long>("SELECT count(*) FROM curations"));
        Assert.Equal(2000, connection.ExecuteScalar<long>("SELECT value FROM catalog_sequence"));
        var audit = connection.Query<(string Actor, string After)>("SELECT actor, after_json FROM audit_log WHERE action = 'import'").ToList();
        Assert.Equal(AuditLog.CommandLine, Assert.Single(audit).Actor);
        Assert.Contains("2-2001", audit[0].After, StringComparison.Ordinal);
        Assert.Equal(2000, (await _catalog.SearchAsync(new SearchRequest())).Total);
    }
}
