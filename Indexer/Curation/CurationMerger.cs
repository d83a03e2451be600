using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Curation;

/// <summary>What a batch becomes once curated fields are laid over it, and the registered assets it absorbed.</summary>
public sealed record MergedBatch(List<CatalogEntry> Entries, List<string> Absorbed);

/// <summary>
/// Makes a registered record and a harvested one with the same DOI one asset, under the harvested id,
/// with the registered fields winning; runs on every batch before it is stored.
/// <list type="bullet">
/// <item>A registered record whose DOI a harvested asset has becomes curated fields over that asset.</item>
/// <item>A harvested record whose DOI a registered asset has takes that asset's fields; the registered asset is
/// withdrawn (it lives on in the merged one, and its id leads there).</item>
/// <item>A harvested record that has curated fields gets them again on every harvest.</item>
/// </list>
/// </summary>
public sealed class CurationMerger(CurationStore curations)
{
    public async Task<MergedBatch> MergeAsync(IReadOnlyList<CatalogEntry> batch, CancellationToken ct)
    {
        var absorbed = new List<string>();
        var harvested = batch.Where(e => e.CuratedBy is null).ToList();
        var matching = harvested.Count == 0 ? [] : await curations.MatchingAsync(
            harvested.Select(e => e.Record.Id), harvested.Select(e => CuratedFields.Doi(e.Record.Doi)).OfType<string>(), ct);
        if (matching.Count == 0 && harvested.Count == batch.Count)
        {
            return new MergedBatch(batch as List<CatalogEntry> ?? batch.ToList(), absorbed);
        }
        var byAsset = matching.ToDictionary(c => c.AssetId, StringComparer.Ordinal);
        var standaloneByDoi = matching.Where(c => !c.OverHarvest && c.Doi is not null).GroupBy(c => c.Doi!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var entries = new List<CatalogEntry>(batch.Count);
        foreach (var entry in batch)
        {
            entries.Add(entry.CuratedBy is { } curator ? await RegisteredAsync(entry, curator, absorbed, ct) : await HarvestedAsync(entry, byAsset, standaloneByDoi, absorbed, ct));
        }
        return new MergedBatch(entries, absorbed);
    }

    private async Task<CatalogEntry> RegisteredAsync(CatalogEntry entry, string curator, List<string> absorbed, CancellationToken ct)
    {
        var record = entry.Record;
        var fields = CuratedFields.Of(record);
        var doi = CuratedFields.Doi(record.Doi);
        if (await curations.ByRegisteredIdAsync(record.Id, ct) is { Base: { } mergedBase } merged)
        {
            // A correction of a record that already lies over a harvested one.
            await curations.SaveAsync(record.Id, merged.AssetId, doi, fields, mergedBase, curator, ct);
            return new CatalogEntry(CuratedFields.Apply(mergedBase, fields), entry.Native, entry.NativeType);
        }
        if (await curations.HarvestedAsync(record.Id, ct) is { } sameId)
        {
            // Registered under the id a harvest already gave it: one asset, the team's fields over the harvest's.
            await curations.SaveAsync(record.Id, record.Id, doi, fields, sameId, curator, ct);
            return new CatalogEntry(CuratedFields.Apply(sameId, fields));
        }
        if (doi is not null && await curations.HarvestedTwinAsync(doi, record.Id, ct) is { } twin)
        {
            await curations.SaveAsync(record.Id, twin.Id, doi, fields, twin, curator, ct);
            absorbed.Add(record.Id); // stored on its own before the twin came, it is withdrawn now
            return new CatalogEntry(CuratedFields.Apply(twin, fields));
        }
        await curations.SaveAsync(record.Id, record.Id, doi, fields, null, curator, ct);
        return entry;
    }

    private async Task<CatalogEntry> HarvestedAsync(CatalogEntry entry, Dictionary<string, CuratedRecord> byAsset, Dictionary<string, CuratedRecord> standaloneByDoi,
        List<string> absorbed, CancellationToken ct)
    {
        var record = entry.Record;
        if (byAsset.TryGetValue(record.Id, out var curated))
        {
            // The harvest's version, under the curated fields (a registration of this id, or of its DOI).
            await curations.SaveAsync(curated.RegisteredId, record.Id, curated.Doi, curated.Fields, record, curated.Curator, ct);
            return entry with { Record = CuratedFields.Apply(record, curated.Fields) };
        }
        if (CuratedFields.Doi(record.Doi) is { } doi && standaloneByDoi.Remove(doi, out var registered) && registered.RegisteredId != record.Id)
        {
            await curations.SaveAsync(registered.RegisteredId, record.Id, doi, registered.Fields, record, registered.Curator, ct);
            absorbed.Add(registered.RegisteredId);
            return entry with { Record = CuratedFields.Apply(record, registered.Fields) };
        }
        return entry;
    }
}
