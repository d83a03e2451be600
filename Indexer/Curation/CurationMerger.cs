using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Curation;

/// <summary>What a batch becomes once curated fields are laid over it, and the registered assets it absorbed.</summary>
public sealed record MergedBatch(List<CatalogEntry> Entries, List<string> Absorbed);

/// <summary>
/// Makes a registered record and a harvested one with the same DOI, or the same id, one asset under the
/// harvested id, with the registered fields winning; runs on every batch before it is stored, with a
/// few lookups per batch rather than per record.
/// <list type="bullet">
/// <item>A registered record whose id or DOI a harvested asset has becomes curated fields over that asset.</item>
/// <item>A harvested record whose DOI a registered asset has takes that asset's fields; the registered asset is
/// withdrawn (it lives on in the merged one, and its id leads there). Only when the registration's curator
/// may curate the harvested record (<see cref="MergeScope"/>); otherwise the two stay apart.</item>
/// <item>A harvested record that has curated fields gets them again on every harvest.</item>
/// </list>
/// </summary>
public sealed class CurationMerger(ICurationStore curations, MergeScope scope, TimeProvider clock)
{
    /// <summary>Merges a batch inside the write that stores it: the curations it saves commit with the assets they apply to.</summary>
    public async Task<MergedBatch> MergeAsync(CatalogWrite write, IReadOnlyList<CatalogEntry> batch, CancellationToken ct)
    {
        var absorbed = new List<string>();
        var harvested = batch.Where(e => e.CuratedBy is null).ToList();
        var registered = batch.Where(e => e.CuratedBy is not null).ToList();
        var matching = harvested.Count == 0 ? [] : await curations.MatchingAsync(
            harvested.Select(e => e.Record.Id), harvested.Select(e => DoiName.Key(e.Record.Doi)).OfType<string>(), ct, write);
        if (matching.Count == 0 && registered.Count == 0)
        {
            return new MergedBatch(batch as List<CatalogEntry> ?? batch.ToList(), absorbed);
        }
        var lookups = registered.Count == 0 ? Lookups.None : new Lookups(
            await curations.ByRegisteredIdsAsync(registered.Select(e => e.Record.Id), ct, write),
            await curations.HarvestedAsync(registered.Select(e => e.Record.Id), ct, write),
            await curations.HarvestedTwinsAsync(registered.Select(e => DoiName.Key(e.Record.Doi)).OfType<string>(), ct, write));
        var byAsset = matching.ToDictionary(c => c.AssetId, StringComparer.Ordinal);
        var standaloneByDoi = matching.Where(c => !c.OverHarvest && c.Doi is not null).GroupBy(c => c.Doi!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        await KeepApartFromOthersRecordsAsync(harvested, standaloneByDoi, ct);
        var saves = new List<CuratedRecord>();
        var entries = new List<CatalogEntry>(batch.Count);
        foreach (var entry in batch)
        {
            entries.Add(entry.CuratedBy is { } curator
                ? Registered(entry, curator, lookups, saves, absorbed)
                : Harvested(entry, byAsset, standaloneByDoi, saves, absorbed));
        }
        await curations.SaveAllAsync(write, saves, ct);
        return new MergedBatch(entries, absorbed);
    }

    /// <summary>
    /// A registration stays apart from a harvested record with its DOI that its curator does not curate
    /// (<see cref="MergeScope"/>): its fields are not laid over another source's record.
    /// </summary>
    private async Task KeepApartFromOthersRecordsAsync(List<CatalogEntry> harvested, Dictionary<string, CuratedRecord> standaloneByDoi, CancellationToken ct)
    {
        if (standaloneByDoi.Count == 0)
        {
            return;
        }
        var curators = new Dictionary<string, Accounts.Account?>(StringComparer.Ordinal);
        var decided = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in harvested)
        {
            // The first harvested record with the DOI is the one the registration would join.
            if (DoiName.Key(entry.Record.Doi) is { } doi && decided.Add(doi) && standaloneByDoi.TryGetValue(doi, out var registered)
                && !await scope.CuratorMayJoinAsync(registered, entry.Record, curators, ct))
            {
                standaloneByDoi.Remove(doi);
            }
        }
    }

    private sealed record Lookups(Dictionary<string, CuratedRecord> ByRegisteredId, Dictionary<string, Connectors.Records.AssetRecord> HarvestedById,
        Dictionary<string, Connectors.Records.AssetRecord> TwinsByDoi)
    {
        public static Lookups None { get; } = new([], [], []);
    }

    private CatalogEntry Registered(CatalogEntry entry, string curator, Lookups lookups, List<CuratedRecord> saves, List<string> absorbed)
    {
        var record = entry.Record;
        var fields = CuratedFields.Of(record);
        var doi = DoiName.Key(record.Doi);
        CuratedRecord Save(string assetId, Connectors.Records.AssetRecord? baseRecord)
        {
            var curated = new CuratedRecord(record.Id, assetId, doi, fields, baseRecord, curator, clock.GetUtcNow());
            saves.Add(curated);
            return curated;
        }
        if (lookups.ByRegisteredId.TryGetValue(record.Id, out var before) && before.Base is { } mergedBase)
        {
            // A correction of a record that already lies over a harvested one.
            Save(before.AssetId, mergedBase);
            return new CatalogEntry(CuratedFields.Apply(mergedBase, fields), entry.Native, entry.NativeType);
        }
        if (lookups.HarvestedById.TryGetValue(record.Id, out var sameId))
        {
            // Registered under the id a harvest already gave it: one asset, the team's fields over the harvest's.
            Save(record.Id, sameId);
            return new CatalogEntry(CuratedFields.Apply(sameId, fields));
        }
        if (doi is not null && lookups.TwinsByDoi.TryGetValue(doi, out var twin) && twin.Id != record.Id)
        {
            Save(twin.Id, twin);
            absorbed.Add(record.Id); // stored on its own before the twin came, it is withdrawn now
            return new CatalogEntry(CuratedFields.Apply(twin, fields));
        }
        Save(record.Id, null);
        return entry;
    }

    private static CatalogEntry Harvested(CatalogEntry entry, Dictionary<string, CuratedRecord> byAsset, Dictionary<string, CuratedRecord> standaloneByDoi,
        List<CuratedRecord> saves, List<string> absorbed)
    {
        var record = entry.Record;
        if (byAsset.TryGetValue(record.Id, out var curated))
        {
            // The harvest's version, under the curated fields (a registration of this id, or of its DOI).
            saves.Add(curated with { AssetId = record.Id, Base = record });
            return entry with { Record = CuratedFields.Apply(record, curated.Fields) };
        }
        if (DoiName.Key(record.Doi) is { } doi && standaloneByDoi.Remove(doi, out var registered) && registered.RegisteredId != record.Id)
        {
            saves.Add(registered with { AssetId = record.Id, Base = record });
            absorbed.Add(registered.RegisteredId);
            return entry with { Record = CuratedFields.Apply(record, registered.Fields) };
        }
        return entry;
    }
}
