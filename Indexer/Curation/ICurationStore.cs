using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Curation;

/// <summary>A registered record's curated fields, and the asset they apply to.</summary>
public sealed record CuratedRecord(string RegisteredId, string AssetId, string? Doi, JsonObject Fields, AssetRecord? Base, string Curator, DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the fields lie over a harvested record (rather than standing as their own asset).</summary>
    public bool OverHarvest => Base is not null;

    /// <summary>The source the team registered the record under (the part of its id before the colon).</summary>
    public string RegisteredSourceId => RegisteredId[..RegisteredId.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>Whether the asset has another id than the registration (the harvested twin's).</summary>
    public bool Moved => AssetId != RegisteredId;
}

/// <summary>
/// The curated fields in the catalogue database. Reads and writes made for a registration take its
/// <see cref="CatalogWrite"/>, so they see what it did and commit with its asset row and audit entry.
/// </summary>
public interface ICurationStore
{
    Task<CuratedRecord?> ByRegisteredIdAsync(string id, CancellationToken ct, CatalogWrite? write = null);

    Task<CuratedRecord?> ByAssetIdAsync(string id, CancellationToken ct, CatalogWrite? write = null);

    /// <summary>The curations that apply to any of these ids, or whose DOI is among these.</summary>
    Task<IReadOnlyList<CuratedRecord>> MatchingAsync(IEnumerable<string> ids, IEnumerable<string> dois, CancellationToken ct, CatalogWrite? write = null);

    /// <summary>The curations registered under any of these ids, by registered id.</summary>
    Task<Dictionary<string, CuratedRecord>> ByRegisteredIdsAsync(IEnumerable<string> ids, CancellationToken ct, CatalogWrite? write = null);

    /// <summary>Of these ids, the live assets that came from a harvest rather than a registration.</summary>
    Task<Dictionary<string, AssetRecord>> HarvestedAsync(IEnumerable<string> ids, CancellationToken ct, CatalogWrite? write = null);

    /// <summary>For each of these DOIs (lower-case), the oldest live harvested asset (not a registered one) that has it.</summary>
    Task<Dictionary<string, AssetRecord>> HarvestedTwinsAsync(IEnumerable<string> dois, CancellationToken ct, CatalogWrite? write = null);

    /// <summary>Saves curations inside the write of their assets; a registered id saved before is replaced.</summary>
    Task SaveAllAsync(CatalogWrite write, IReadOnlyList<CuratedRecord> curated, CancellationToken ct);

    Task RemoveAsync(CatalogWrite write, string registeredId, CancellationToken ct);
}

/// <summary>A curation's row as every backend reads it (columns in the order of <see cref="Columns"/>).</summary>
public sealed record CurationRow(string Registered, string Asset, string? Doi, string Fields, string? Base, string Curator, string Updated)
{
    public const string Columns =
        "registered_id AS Registered, asset_id AS Asset, doi AS Doi, fields_json AS Fields, base_json AS Base, curator AS Curator, updated_at AS Updated";

    public CuratedRecord Curated => new(Registered, Asset, Doi, JsonNode.Parse(Fields)!.AsObject(), Base is null ? null : RecordJson.Deserialize(Base),
        Curator, DateTimeOffset.Parse(Updated, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The values a save writes: @registeredId, @assetId, @doi, @fields, @base, @curator, @now.</summary>
    public static object Args(CuratedRecord c, string now) =>
        new { registeredId = c.RegisteredId, assetId = c.AssetId, doi = c.Doi, fields = c.Fields.ToJsonString(), @base = c.Base is null ? null : RecordJson.Serialize(c.Base), curator = c.Curator, now };

    /// <summary>One harvested twin per DOI key, the first of <paramref name="records"/> (oldest first) that has it.</summary>
    public static Dictionary<string, AssetRecord> Twins(IEnumerable<AssetRecord> records)
    {
        var twins = new Dictionary<string, AssetRecord>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            twins.TryAdd(DoiName.Key(record.Doi)!, record);
        }
        return twins;
    }
}
