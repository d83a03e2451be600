namespace DiscoveryPortal.Connectors.Records;

/// <summary>A closed time interval; either end may be open (null) when the source does not say.</summary>
public sealed record TimeRange(DateTimeOffset? Start, DateTimeOffset? End)
{
    public bool Overlaps(DateTimeOffset? start, DateTimeOffset? end) =>
        (end is null || Start is null || Start <= end) && (start is null || End is null || End >= start);
}
