using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Ingestion;

namespace DiscoveryPortal.Indexer.Curation;

/// <summary>How a curation request ended.</summary>
public enum CurationOutcome
{
    Done,
    Invalid,
    Forbidden,
    Conflict,
    NotFound,
}

/// <summary>The outcome, the record as stored after it, and what was wrong or refused.</summary>
public sealed record CurationResult(CurationOutcome Outcome, AssetRecord? Record, IReadOnlyList<RecordProblem> Problems, string? Message)
{
    public static CurationResult Fail(CurationOutcome outcome, string message) => new(outcome, null, [], message);
}

/// <summary>
/// Registering, replacing and withdrawing records for an account, the same whether the request came
/// through the API or a portal form: the scope check (the record as stored, as sent, and the record a
/// matching id or DOI would merge it into), the registration rules, the write through the ingestion
/// pipeline (so the record is searchable when this returns), and the audit entry.
/// </summary>
public sealed class RecordCuration(ICatalogStore catalog, IngestionPipeline pipeline, CurationStore curations, MergeScope merges, AuditLog audit, TimeProvider clock)
{
    public async Task<CurationResult> RegisterAsync(AssetRecord record, Account account, CancellationToken ct)
    {
        if (!account.MayChange(record.SourceId, record.Mission))
        {
            return CurationResult.Fail(CurationOutcome.Forbidden, OutOfScope(account, record));
        }
        // A harvested asset of this id is no conflict: the registration lies over it. A registration is.
        if (await curations.ByRegisteredIdAsync(record.Id, ct) is not null || await curations.ByAssetIdAsync(record.Id, ct) is not null)
        {
            return CurationResult.Fail(CurationOutcome.Conflict, $"'{record.Id}' is in the catalogue already; PUT /api/assets/{{id}} replaces it.");
        }
        if (DoiName.Key(record.Doi) is { } doi && (await curations.MatchingAsync([], [doi], ct)).FirstOrDefault(c => c.RegisteredId != record.Id) is { } other)
        {
            return CurationResult.Fail(CurationOutcome.Conflict, $"DOI {record.Doi} is registered already, as '{other.RegisteredId}'.");
        }
        if (await merges.RefusalAsync(record, account, ct) is { } refused)
        {
            return CurationResult.Fail(CurationOutcome.Forbidden, refused);
        }
        var stored = await WriteAsync(record with { HarvestedAt = clock.GetUtcNow() }, account, ct);
        if (stored.Outcome == CurationOutcome.Done)
        {
            await audit.RecordAsync(account.Name, "register", record.Id, null, stored.Record, ct);
        }
        return stored;
    }

    public async Task<CurationResult> ReplaceAsync(string id, AssetRecord record, Account account, CancellationToken ct)
    {
        if (record.Id != id)
        {
            return new(CurationOutcome.Invalid, null, [new("id", $"the path names '{id}', the record '{record.Id}'")], $"The path names '{id}', the body '{record.Id}'.");
        }
        var merged = await curations.ByRegisteredIdAsync(id, ct) is { OverHarvest: true } m ? m : null;
        if (await catalog.GetAsync(merged?.AssetId ?? id, ct) is not { } before)
        {
            return CurationResult.Fail(CurationOutcome.NotFound, $"'{id}' is not in the catalogue; POST /api/assets registers it.");
        }
        // Of a merged record, the team's own registration is what is in scope, not the harvested source.
        var (scopeSource, scopeMission) = merged is null ? (before.Record.SourceId, before.Record.Mission) : (record.SourceId, (string?)merged.Fields["mission"]?.GetValue<string>());
        if (!account.MayChange(scopeSource, scopeMission))
        {
            return CurationResult.Fail(CurationOutcome.Forbidden, OutOfScope(account, before.Record));
        }
        if (!account.MayChange(record.SourceId, record.Mission))
        {
            return CurationResult.Fail(CurationOutcome.Forbidden, OutOfScope(account, record));
        }
        if (await merges.RefusalAsync(record, account, ct) is { } refused)
        {
            return CurationResult.Fail(CurationOutcome.Forbidden, refused);
        }
        var stored = await WriteAsync(record with { HarvestedAt = before.Record.HarvestedAt }, account, ct);
        if (stored.Outcome == CurationOutcome.Done)
        {
            await audit.RecordAsync(account.Name, "replace", id, before.Record, stored.Record, ct);
        }
        return stored;
    }

    public async Task<CurationResult> WithdrawAsync(string id, Account account, CancellationToken ct)
    {
        if (await curations.ByRegisteredIdAsync(id, ct) is { OverHarvest: true } merged)
        {
            // The registration is taken back: the asset is the harvested record again.
            if (!account.MayChange(merged.RegisteredSourceId, merged.Fields["mission"]?.GetValue<string>()))
            {
                return CurationResult.Fail(CurationOutcome.Forbidden, $"{account.Name} does not curate '{id}'.");
            }
            var asset = await catalog.GetAsync(merged.AssetId, ct);
            await curations.RemoveAsync(id, ct);
            if (merged.Base is { } harvested)
            {
                await pipeline.IngestAsync([new CatalogEntry(harvested)], ct);
            }
            await audit.RecordAsync(account.Name, "withdraw", id, asset?.Record, merged.Base, ct);
            return new(CurationOutcome.Done, merged.Base, [], null);
        }
        if (await catalog.GetAsync(id, ct) is not { WithdrawnAt: null } before)
        {
            return CurationResult.Fail(CurationOutcome.NotFound, $"'{id}' is not in the catalogue, or is withdrawn already.");
        }
        if (!account.MayChange(before.Record.SourceId, before.Record.Mission))
        {
            return CurationResult.Fail(CurationOutcome.Forbidden, OutOfScope(account, before.Record));
        }
        await pipeline.WithdrawAsync([id], ct);
        await curations.RemoveAsync(id, ct);
        await audit.RecordAsync(account.Name, "withdraw", id, before.Record, null, ct);
        return new(CurationOutcome.Done, before.Record, [], null);
    }

    private async Task<CurationResult> WriteAsync(AssetRecord record, Account account, CancellationToken ct)
    {
        if (RegistrationRules.Validate(record, clock.GetUtcNow()) is { Count: > 0 } problems)
        {
            return new(CurationOutcome.Invalid, null, problems, Describe(problems));
        }
        var report = await pipeline.IngestAsync([new CatalogEntry(record, CuratedBy: account.Name)], ct);
        if (report.Problems.Count > 0)
        {
            var all = report.Problems.SelectMany(p => p.Problems).ToList();
            return new(CurationOutcome.Invalid, null, all, Describe(all));
        }
        // A record with a harvested twin is stored under the twin's id.
        var assetId = (await curations.ByRegisteredIdAsync(record.Id, ct))?.AssetId ?? record.Id;
        return new(CurationOutcome.Done, (await catalog.GetAsync(assetId, ct))!.Record, [], null);
    }

    private static string Describe(IEnumerable<RecordProblem> problems) => string.Join("; ", problems.Select(p => $"{p.Field} {p.Reason}"));

    private static string OutOfScope(Account account, AssetRecord record) =>
        $"{account.Name} curates {(account.Sources.Count + account.Missions.Count == 0 ? "nothing" : string.Join(", ", account.Sources.Concat(account.Missions)))}; '{record.Id}' is of source {record.SourceId}{(record.Mission is null ? "" : $", mission {record.Mission}")}.";
}
