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
/// matching id or DOI would merge it into), the registration rules, and one write through the ingestion
/// pipeline holding the curation, the asset row, its change number and the audit entry, so none is ever
/// kept without the others (the record is searchable when this returns).
/// </summary>
public sealed class RecordCuration(ICatalogStore catalog, IngestionPipeline pipeline, ICurationStore curations, MergeScope merges, AuditLog audit, TimeProvider clock)
{
    public async Task<CurationResult> RegisterAsync(AssetRecord record, Account account, CancellationToken ct)
    {
        if (!account.MayChange(record.SourceId, record.Mission))
        {
            return CurationResult.Fail(CurationOutcome.Forbidden, OutOfScope(account, record));
        }
        // A harvested asset of this id is no conflict: the registration lies over it. A registration is.
        if (await StoredAsync(await curations.ByRegisteredIdAsync(record.Id, ct), ct) is not null || await StoredAsync(await curations.ByAssetIdAsync(record.Id, ct), ct) is not null)
        {
            return CurationResult.Fail(CurationOutcome.Conflict, $"'{record.Id}' is in the catalogue already; PUT /api/assets/{{id}} replaces it.");
        }
        if (DoiName.Key(record.Doi) is { } doi)
        {
            foreach (var other in (await curations.MatchingAsync([], [doi], ct)).Where(c => c.RegisteredId != record.Id))
            {
                if (await StoredAsync(other, ct) is not null)
                {
                    return CurationResult.Fail(CurationOutcome.Conflict, $"DOI {record.Doi} is registered already, as '{other.RegisteredId}'.");
                }
            }
        }
        if (await merges.RefusalAsync(record, account, ct) is { } refused)
        {
            return CurationResult.Fail(CurationOutcome.Forbidden, refused);
        }
        return await WriteAsync(record with { HarvestedAt = clock.GetUtcNow() }, account, "register", null, ct);
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
        return await WriteAsync(record with { HarvestedAt = before.Record.HarvestedAt }, account, "replace", before.Record, ct);
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
            return await pipeline.WriteAsync(async write =>
            {
                var asset = await catalog.GetAsync(write, merged.AssetId, ct);
                await curations.RemoveAsync(write, id, ct);
                if (merged.Base is { } harvested)
                {
                    await pipeline.StoreAsync(write, [new CatalogEntry(harvested)], ct);
                }
                await audit.RecordAsync(write, account.Name, "withdraw", id, asset?.Record, merged.Base, ct);
                return new CurationResult(CurationOutcome.Done, merged.Base, [], null);
            }, ct);
        }
        if (await catalog.GetAsync(id, ct) is not { WithdrawnAt: null } before)
        {
            return CurationResult.Fail(CurationOutcome.NotFound, $"'{id}' is not in the catalogue, or is withdrawn already.");
        }
        if (!account.MayChange(before.Record.SourceId, before.Record.Mission))
        {
            return CurationResult.Fail(CurationOutcome.Forbidden, OutOfScope(account, before.Record));
        }
        return await pipeline.WriteAsync(async write =>
        {
            await pipeline.WithdrawAsync(write, [id], ct);
            await curations.RemoveAsync(write, id, ct);
            await audit.RecordAsync(write, account.Name, "withdraw", id, before.Record, null, ct);
            return new CurationResult(CurationOutcome.Done, before.Record, [], null);
        }, ct);
    }

    /// <summary>Stores a registration or correction and its audit entry in one write; a rejected record stores nothing.</summary>
    private async Task<CurationResult> WriteAsync(AssetRecord record, Account account, string action, AssetRecord? before, CancellationToken ct)
    {
        if (RegistrationRules.Validate(record, clock.GetUtcNow()) is { Count: > 0 } problems)
        {
            return new(CurationOutcome.Invalid, null, problems, Describe(problems));
        }
        return await pipeline.WriteAsync(async write =>
        {
            var report = await pipeline.StoreAsync(write, [new CatalogEntry(record, CuratedBy: account.Name)], ct);
            if (report.Problems.Count > 0)
            {
                var all = report.Problems.SelectMany(p => p.Problems).ToList();
                return new CurationResult(CurationOutcome.Invalid, null, all, Describe(all));
            }
            // A record with a harvested twin is stored under the twin's id.
            var assetId = (await curations.ByRegisteredIdAsync(record.Id, ct, write))?.AssetId ?? record.Id;
            var stored = (await catalog.GetAsync(write, assetId, ct))!.Record;
            await audit.RecordAsync(write, account.Name, action, record.Id, before, stored, ct);
            return new CurationResult(CurationOutcome.Done, stored, [], null);
        }, ct);
    }

    /// <summary>
    /// The curation when its asset is in the catalogue. Versions that stored the curation and the asset in two
    /// transactions could be killed between them, leaving a curation with no asset: it holds no record
    /// anyone can see or change, so it stands in the way of nothing and a new registration writes over it.
    /// </summary>
    private async Task<CuratedRecord?> StoredAsync(CuratedRecord? curation, CancellationToken ct) =>
        curation is not null && await catalog.GetAsync(curation.AssetId, ct) is not null ? curation : null;

    private static string Describe(IEnumerable<RecordProblem> problems) => string.Join("; ", problems.Select(p => $"{p.Field} {p.Reason}"));

    private static string OutOfScope(Account account, AssetRecord record) =>
        $"{account.Name} curates {(account.Sources.Count + account.Missions.Count == 0 ? "nothing" : string.Join(", ", account.Sources.Concat(account.Missions)))}; '{record.Id}' is of source {record.SourceId}{(record.Mission is null ? "" : $", mission {record.Mission}")}.";
}
