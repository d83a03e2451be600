using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>
/// The extent of each ObsCore collection (count, time span, wavelength range, instruments, product
/// types, formats) and the one collection record per <c>obs_collection</c> built from it, so a
/// researcher can find the dataset first and drill into its observations.
/// </summary>
public sealed class CollectionRollup(string sourceId, string sourceTitle, ObsCoreMapper mapper, TimeProvider clock)
{
    private readonly Dictionary<string, Extent> _extents = new(StringComparer.Ordinal);

    public void Add(string collection, string? facility, long count, double? tMin, double? tMax, double? emMin, double? emMax)
    {
        var e = Get(collection);
        if (facility is not null)
        {
            e.Facilities[facility] = e.Facilities.GetValueOrDefault(facility) + count;
        }
        e.Count += count;
        e.TMin = Min(e.TMin, tMin);
        e.TMax = Max(e.TMax, tMax);
        e.EmMin = Min(e.EmMin, emMin);
        e.EmMax = Max(e.EmMax, emMax);
    }

    public void AddKinds(string collection, string? instrument, string? productType, string? format)
    {
        var e = Get(collection);
        if (instrument is not null)
        {
            e.Instruments.Add(instrument);
        }
        if (productType is not null)
        {
            e.ProductTypes.Add(productType.ToLowerInvariant());
        }
        if (format is not null)
        {
            e.Formats.Add(format);
        }
    }

    /// <summary>Id of the collection record for an <c>obs_collection</c> value.</summary>
    public static string CollectionId(string sourceId, string collection) => $"{sourceId}:collection/{collection}";

    public IReadOnlyList<AssetRecord> Records() => _extents.Select(pair => Build(pair.Key, pair.Value)).ToList();

    private AssetRecord Build(string collection, Extent e)
    {
        var start = VoRow.FromMjd(e.TMin);
        var end = VoRow.FromMjd(e.TMax);
        var instruments = e.Instruments.Order(StringComparer.Ordinal).ToList();
        var products = e.ProductTypes.Order(StringComparer.Ordinal).ToList();
        var span = start is null ? "" : $" between {start:yyyy-MM-dd} and {(end ?? start):yyyy-MM-dd}";
        return new AssetRecord
        {
            Id = CollectionId(sourceId, collection),
            SourceId = sourceId,
            Title = $"{collection} observations in {sourceTitle}",
            Description = $"The {collection} collection: {e.Count:N0} observations{span} with {string.Join(", ", instruments)}"
                + $" ({string.Join(", ", products)}). Search this collection's mission and instruments to see each observation.",
            Domain = Domains.SpaceScience,
            Mission = Mission(collection, e),
            Instruments = instruments,
            AssetType = AssetType.Collection,
            ProductTypes = products,
            Formats = e.Formats.Order(StringComparer.Ordinal).ToList(),
            Keywords = ["collection", collection],
            Time = start is null && end is null ? null : new TimeRange(start, end),
            Wavebands = Wavebands.FromWavelengths(e.EmMin, e.EmMax),
            Published = end ?? start,
            Details = new Dictionary<string, string>
            {
                ["observations"] = e.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["obs_collection"] = collection,
            },
            HarvestedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>
    /// The collection's mission: the collection's own name if the table knows it, else the mission most of its
    /// observations name as facility (a collection spelt "HST" in some rows and "Hubble Space Telescope" in
    /// others is one mission; the group that happens to come first does not decide).
    /// </summary>
    private string? Mission(string collection, Extent e) =>
        mapper.Mission(collection, null) is { } named && mapper.Knows(named)
            ? named
            : e.Facilities.GroupBy(f => mapper.Mission(null, f.Key)).OrderByDescending(g => g.Sum(f => f.Value)).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).FirstOrDefault() ?? collection;

    private Extent Get(string collection)
    {
        if (!_extents.TryGetValue(collection, out var e))
        {
            _extents[collection] = e = new Extent();
        }
        return e;
    }

    private static double? Min(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private sealed class Extent
    {
        public Dictionary<string, long> Facilities { get; } = new(StringComparer.Ordinal);
        public long Count { get; set; }
        public double? TMin { get; set; }
        public double? TMax { get; set; }
        public double? EmMin { get; set; }
        public double? EmMax { get; set; }
        public HashSet<string> Instruments { get; } = new(StringComparer.Ordinal);
        public HashSet<string> ProductTypes { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Formats { get; } = new(StringComparer.Ordinal);
    }
}
