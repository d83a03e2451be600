namespace DiscoveryPortal.Connectors.Records;

/// <summary>What a datalab or tool opens and how it is launched; used to match tools to data.</summary>
public sealed record ToolProfile
{
    public string Interface { get; init; } = "notebook";
    public string? Runtime { get; init; }
    public string? Version { get; init; }
    public IReadOnlyList<string> OpensProductTypes { get; init; } = [];
    public IReadOnlyList<string> OpensFormats { get; init; } = [];
    public GpuNeed Gpu { get; init; } = GpuNeed.None;
    public string Launch { get; init; } = "jupyterhub";
}

public enum GpuNeed
{
    None,
    Optional,
    Required,
}
