using System.Text.Json.Serialization;

namespace DiscoveryPortal.Connectors.Records;

/// <summary>
/// One normalised catalogue entry. Connectors produce it; everything downstream reads it.
/// The id is always <c>&lt;source&gt;:&lt;native id&gt;</c> so two sources never collide.
/// </summary>
public sealed record AssetRecord
{
    public required string Id { get; init; }
    public required string SourceId { get; init; }
    public required string Title { get; init; }

    /// <summary>Plain text, used for the index and snippets.</summary>
    public string Description { get; init; } = "";

    /// <summary>Sanitised HTML for the asset page, where the source provides HTML.</summary>
    public string? DescriptionHtml { get; init; }

    public string Domain { get; init; } = Domains.SpaceScience;

    /// <summary>Canonical mission name from the mission vocabulary (e.g. "HST", "Sentinel-2").</summary>
    public string? Mission { get; init; }

    /// <summary>Thematic family the mission belongs to (e.g. "Astronomy", "Earth Observation Satellite").</summary>
    public string? MissionFamily { get; init; }

    /// <summary>The source's own platform name where it is finer than the mission (e.g. "Sentinel-2B").</summary>
    public string? Platform { get; init; }

    public IReadOnlyList<string> Instruments { get; init; } = [];
    public AssetType AssetType { get; init; } = AssetType.Dataset;
    public IReadOnlyList<string> ProductTypes { get; init; } = [];

    /// <summary>MIME types of the data behind the record.</summary>
    public IReadOnlyList<string> Formats { get; init; } = [];

    public IReadOnlyList<Person> Authors { get; init; } = [];
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public string? License { get; init; }
    public string? Doi { get; init; }
    public string? LandingPage { get; init; }
    public IReadOnlyList<AccessLink> Access { get; init; } = [];

    /// <summary>The picture of the data the source gives, if any; absent from records stored before quicklooks.</summary>
    public Quicklook? Quicklook { get; init; }

    public SkyFootprint? Sky { get; init; }
    public GroundFootprint? Ground { get; init; }
    public TimeRange? Time { get; init; }
    public IReadOnlyList<string> Wavebands { get; init; } = [];

    /// <summary>When the source published or last changed the record; drives the "newest" sort.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>Source-specific facts shown on the asset page (target name, cloud cover, ...).</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    /// <summary>Set for datalabs and tools: what they open and how they launch.</summary>
    public ToolProfile? Tool { get; init; }

    public DateTimeOffset HarvestedAt { get; init; }

    /// <summary>Hash of the source's native record, so an unchanged source record is recognised.</summary>
    public string? NativeHash { get; init; }

    /// <summary>The access URL a researcher would open first.</summary>
    [JsonIgnore]
    public string? PrimaryUrl => Access.Count > 0 ? Access[0].Url : LandingPage;
}
