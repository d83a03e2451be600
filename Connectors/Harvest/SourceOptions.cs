namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>
/// A kind's own settings of a source, bound from the source's entry in <c>sources.yaml</c> (flat, or under a
/// section named by the kind), from the API's JSON and from the source form. Every property decides what a
/// harvest reads, so a change of any of them is probed again.
/// </summary>
public abstract class SourceOptions
{
    /// <summary>What is wrong with these options, each problem naming the source and the field.</summary>
    public virtual IEnumerable<string> Problems(string sourceId) => [];

    /// <summary>The options a probe runs with: the same reading, made quick (no async jobs, say).</summary>
    public virtual SourceOptions ForProbe() => (SourceOptions)MemberwiseClone();

    /// <summary>The problem with a west,south,east,north box, or null when it is empty or valid.</summary>
    protected static string? BoxProblem(string sourceId, IReadOnlyList<double> bbox) =>
        bbox.Count is not (0 or 4) || (bbox.Count == 4 && !new Records.BoundingBox(bbox[0], bbox[1], bbox[2], bbox[3]).IsValid)
            ? $"source '{sourceId}': bbox must be west,south,east,north in degrees"
            : null;
}

/// <summary>The options of a kind that has none beyond the common ones.</summary>
public sealed class NoOptions : SourceOptions;

/// <summary>A field of an options type on the source form: its label and an example value.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormFieldAttribute(string label) : Attribute
{
    public string Label { get; } = label;

    public string? Placeholder { get; init; }
}
