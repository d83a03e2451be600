using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Accounts;

namespace DiscoveryPortal.Indexer.Curation;

/// <summary>
/// Whose records a registration may merge into. A registered record with the id or the DOI of a harvested
/// asset becomes curated fields over that asset (<see cref="CurationMerger"/>), so it may only do so when
/// the account may curate that asset itself: a curator of one source cannot lay their fields over another
/// source's record by giving its DOI. The same rule answers the API and forms (403) and each import row
/// (a row problem), and keeps a registration apart from a later harvested twin its curator does not curate.
/// </summary>
public sealed class MergeScope(ICurationStore curations, AccountService accounts)
{
    /// <summary>The most registrations asked about in one lookup.</summary>
    public const int Batch = 2_000;

    /// <summary>Why this registration may not be merged where it would be, or null when it may (or merges nowhere).</summary>
    public async Task<string?> RefusalAsync(AssetRecord record, Account account, CancellationToken ct) =>
        (await RefusalsAsync([(record.Id, record.Doi)], account, ct)).GetValueOrDefault(record.Id);

    /// <summary>For each registration (id, DOI) that would merge into an asset the account does not curate, why not; keyed by id.</summary>
    public async Task<Dictionary<string, string>> RefusalsAsync(IReadOnlyList<(string Id, string? Doi)> registrations, Account account, CancellationToken ct)
    {
        var refusals = new Dictionary<string, string>(StringComparer.Ordinal);
        if (account.Role == Roles.Administrator || registrations.Count == 0)
        {
            return refusals;
        }
        foreach (var chunk in registrations.Chunk(Batch))
        {
            var ids = chunk.Select(r => r.Id).ToList();
            var before = await curations.ByRegisteredIdsAsync(ids, ct);
            var sameId = await curations.HarvestedAsync(ids, ct);
            var twins = await curations.HarvestedTwinsAsync(chunk.Select(r => DoiName.Key(r.Doi)).OfType<string>().Distinct(), ct);
            foreach (var (id, doi) in chunk)
            {
                if (before.TryGetValue(id, out var existing) && existing.OverHarvest)
                {
                    continue; // a correction of a merge made before stays where it is
                }
                var target = sameId.GetValueOrDefault(id)
                    ?? (DoiName.Key(doi) is { } key && twins.TryGetValue(key, out var twin) && twin.Id != id ? twin : null);
                if (target is not null && !account.MayChange(target.SourceId, target.Mission))
                {
                    refusals[id] = $"{(target.Id == id ? "id" : $"DOI {DoiName.Strip(doi)}")} is that of '{target.Id}' of source {target.SourceId}"
                        + $"{(target.Mission is null ? "" : $", mission {target.Mission}")}, which {account.Name} does not curate; it was not merged into that record";
                }
            }
        }
        return refusals;
    }

    /// <summary>Whether a registration's curator may curate a harvested record it would now be merged into.</summary>
    public async Task<bool> CuratorMayJoinAsync(CuratedRecord registration, AssetRecord harvested, Dictionary<string, Account?> known, CancellationToken ct)
    {
        if (!known.TryGetValue(registration.Curator, out var curator))
        {
            known[registration.Curator] = curator = await accounts.FindAsync(registration.Curator, ct);
        }
        return curator is not null && curator.MayChange(harvested.SourceId, harvested.Mission);
    }
}
