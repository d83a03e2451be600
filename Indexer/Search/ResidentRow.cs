namespace DiscoveryPortal.Indexer.Search;

/// <summary>The fields of one record that searches read from memory rather than from storage.</summary>
public sealed record ResidentRow
{
    public required int Ordinal { get; init; }
    public required string Domain { get; init; }
    public string? Mission { get; init; }
    public string? MissionFamily { get; init; }
    public required string AssetType { get; init; }
    public required string Source { get; init; }
    public IReadOnlyList<string> Instruments { get; init; } = [];
    public IReadOnlyList<string> ProductTypes { get; init; } = [];
    public IReadOnlyList<string> Wavebands { get; init; } = [];
    public IReadOnlyList<string> Formats { get; init; } = [];
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
}
