using System.Globalization;
using DiscoveryPortal.Connectors.Files;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Web.Pages.Curate;

/// <summary>
/// The register/edit form's fields as typed, and their translation to and from the record model with
/// the same parsers import files use, so a form and a CSV row mean the same thing.
/// </summary>
public sealed class RecordForm
{
    public string Source { get; set; } = "";
    public string NativeId { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string Domain { get; set; } = Domains.SpaceScience;
    public string? Mission { get; set; }
    public string? Instruments { get; set; }
    public string AssetType { get; set; } = "dataset";
    public List<string> ProductTypes { get; set; } = [];
    public List<string> Wavebands { get; set; } = [];
    public string? Formats { get; set; }
    public string? AccessUrl { get; set; }
    public string? LandingPage { get; set; }
    public string? Doi { get; set; }
    public string? License { get; set; }
    public string? Authors { get; set; }
    public string? Keywords { get; set; }
    public string? Ra { get; set; }
    public string? Dec { get; set; }
    public string? Radius { get; set; }
    public string? Bbox { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }

    /// <summary>
    /// The record the form describes; when editing, the stored record's fields the form does not show
    /// (details, platform, tool profile, the access links after the first) are kept.
    /// </summary>
    public AssetRecord ToRecord(AssetRecord? existing, List<RecordProblem> problems)
    {
        var source = Source.Trim();
        var native = NativeId.Trim();
        if (native.Length == 0)
        {
            problems.Add(new("id", "is required"));
        }
        var access = Blank(AccessUrl) is { } url
            ? [existing?.Access.FirstOrDefault(a => a.Url == url) ?? new AccessLink(url), .. existing?.Access.Skip(1).Where(a => a.Url != url) ?? []]
            : new List<AccessLink>();
        return (existing ?? new AssetRecord { Id = "", SourceId = "", Title = "" }) with
        {
            Id = $"{source}:{native}",
            SourceId = source,
            Title = Title.Trim(),
            Description = Description?.Trim() ?? "",
            Domain = Domain,
            Mission = Blank(Mission),
            Instruments = List(Instruments),
            AssetType = FieldParser.Enum<AssetType>(Blank(AssetType), "assetType", problems) ?? Connectors.Records.AssetType.Dataset,
            ProductTypes = ProductTypes,
            Wavebands = Wavebands,
            Formats = List(Formats),
            Access = access,
            LandingPage = Blank(LandingPage),
            Doi = Blank(Doi),
            License = Blank(License),
            Authors = List(Authors).Select(FieldParser.Person).ToList(),
            Keywords = List(Keywords),
            Sky = FieldParser.Sky(Blank(Ra), Blank(Dec), Blank(Radius), problems),
            Ground = FieldParser.Ground(Blank(Bbox), problems),
            Time = FieldParser.Time(Blank(Start), Blank(End), problems),
        };
    }

    public static RecordForm From(AssetRecord r) => new()
    {
        Source = r.SourceId,
        NativeId = r.Id[(r.SourceId.Length + 1)..],
        Title = r.Title,
        Description = r.Description,
        Domain = r.Domain,
        Mission = r.Mission,
        Instruments = string.Join("; ", r.Instruments),
        AssetType = r.AssetType.ToString().ToLowerInvariant(),
        ProductTypes = r.ProductTypes.ToList(),
        Wavebands = r.Wavebands.ToList(),
        Formats = string.Join("; ", r.Formats),
        AccessUrl = r.Access.FirstOrDefault()?.Url,
        LandingPage = r.LandingPage,
        Doi = r.Doi,
        License = r.License,
        Authors = string.Join("; ", r.Authors.Select(a => string.Join('|', new[] { a.Name, a.Orcid ?? "", a.Affiliation ?? "" }).TrimEnd('|'))),
        Keywords = string.Join("; ", r.Keywords),
        Ra = r.Sky?.Ra.ToString(CultureInfo.InvariantCulture),
        Dec = r.Sky?.Dec.ToString(CultureInfo.InvariantCulture),
        Radius = r.Sky?.Radius.ToString(CultureInfo.InvariantCulture),
        Bbox = r.Ground is { } g ? string.Join(',', new[] { g.Box.West, g.Box.South, g.Box.East, g.Box.North }.Select(v => v.ToString(CultureInfo.InvariantCulture))) : null,
        Start = r.Time?.Start?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        End = r.Time?.End?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static List<string> List(string? s) => s?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];
}
