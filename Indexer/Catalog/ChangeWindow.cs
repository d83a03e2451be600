namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>Where a listing by change time resumes: after this asset's last change.</summary>
public readonly record struct ChangeKey(DateTimeOffset UpdatedAt, string Id);

/// <summary>
/// A window of assets by the time of their last change, withdrawn ones included: those changed from
/// <see cref="From"/> (inclusive) and before <see cref="Before"/>, of one source or one domain where given,
/// after <see cref="After"/>, at most <see cref="Limit"/>.
/// </summary>
public sealed record ChangeWindow(int Limit)
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? Before { get; init; }
    public string? SourceId { get; init; }
    public string? Domain { get; init; }
    public ChangeKey? After { get; init; }
}
