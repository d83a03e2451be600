using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Facets;

namespace DiscoveryPortal.Indexer.Search;

/// <summary>The fields of one record that searches read from memory: facet values, footprints, times and the date it sorts by.</summary>
public sealed record ResidentRow
{
    public required int Ordinal { get; init; }

    /// <summary>Each stored dimension's values, in the order of <see cref="FacetDimensions.Stored"/>.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Facets { get; init; }

    /// <summary>Each stored dimension's parent value (hierarchical dimensions only), in the same order.</summary>
    public required IReadOnlyList<string?> Parents { get; init; }

    public double? Ra { get; init; }
    public double? Dec { get; init; }
    public double? Radius { get; init; }
    public double? West { get; init; }
    public double? South { get; init; }
    public double? East { get; init; }
    public double? North { get; init; }
    public double? TimeStart { get; init; }
    public double? TimeEnd { get; init; }
    public double? Newest { get; init; }

    /// <summary>The observed target's name where the record has one and a sky footprint: a name the resolver learns.</summary>
    public string? Target { get; init; }

    public static ResidentRow From(int ordinal, AssetRecord r) => new()
    {
        Ordinal = ordinal,
        Facets = FacetDimensions.Stored.Select(d => d.Values(r)).ToList(),
        Parents = FacetDimensions.Stored.Select(d => d.Parent?.Invoke(r)).ToList(),
        Ra = r.Sky?.Ra,
        Dec = r.Sky?.Dec,
        Radius = r.Sky?.Radius,
        West = r.Ground?.Box.West,
        South = r.Ground?.Box.South,
        East = r.Ground?.Box.East,
        North = r.Ground?.Box.North,
        TimeStart = ToUnix(r.Time?.Start),
        TimeEnd = ToUnix(r.Time?.End),
        Newest = ToUnix(NewestDate(r)),
        Target = r.Sky is not null && r.Details.TryGetValue("target", out var target) ? target : null,
    };

    /// <summary>The date "newest first" sorts by: the record's own date, else its observation, else when it was harvested.</summary>
    public static DateTimeOffset NewestDate(AssetRecord r) => r.Published ?? r.Time?.End ?? r.Time?.Start ?? r.HarvestedAt;

    public static double? ToUnix(DateTimeOffset? t) => t is null ? null : t.Value.ToUnixTimeMilliseconds() / 1000.0;
}
