using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>The kinds of source a harvest can read.</summary>
public static class SourceKinds
{
    /// <summary>An ObsCore table behind a TAP service.</summary>
    public const string TapObsCore = "tap-obscore";

    /// <summary>A RegTAP registry behind a TAP service.</summary>
    public const string RegTap = "regtap";

    /// <summary>Recorded ObsCore responses on disk, replayed through the ObsCore mapping.</summary>
    public const string RecordedObsCore = "recorded-obscore";

    /// <summary>Zenodo's REST API (<c>/api/records</c>), by community, resource type and text.</summary>
    public const string Zenodo = "zenodo";

    /// <summary>A STAC API: its collections and an item search bounded by the source's limits.</summary>
    public const string StacApi = "stac-api";

    /// <summary>A static STAC catalog, walked through its child and item links (http(s) or a local path).</summary>
    public const string StacStatic = "stac-static";

    /// <summary>An OpenSearch (CEOS/FedEO) service, from its description document.</summary>
    public const string OpenSearch = "opensearch";

    public static IReadOnlyList<string> All { get; } = [TapObsCore, RegTap, RecordedObsCore, Zenodo, StacApi, StacStatic, OpenSearch];
}

/// <summary>One harvestable source, as listed in <c>sources.yaml</c>.</summary>
public sealed class SourceDefinition
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Kind { get; set; } = SourceKinds.TapObsCore;
    public string? Url { get; set; }
    public string Table { get; set; } = "ivoa.obscore";
    public string KeyColumn { get; set; } = "obs_publisher_did";
    public string? ModifiedColumn { get; set; }
    public int PageSize { get; set; } = 1000;
    public bool UseAsyncJobs { get; set; }

    /// <summary>The domain of what the source holds, where the records do not say (Zenodo, STAC, OpenSearch).</summary>
    public string? Domain { get; set; }

    /// <summary>Zenodo: the community to harvest (e.g. escape2020).</summary>
    public string? Community { get; set; }

    /// <summary>Zenodo: a search query; OpenSearch: the searchTerms.</summary>
    public string? Query { get; set; }

    /// <summary>Zenodo: only this resource type (software, dataset, publication, ...).</summary>
    public string? ResourceType { get; set; }

    /// <summary>STAC API: the collections whose items are searched (all collections are listed either way).</summary>
    public List<string> Collections { get; set; } = [];

    /// <summary>STAC, OpenSearch: only items in this west,south,east,north box.</summary>
    public List<double> Bbox { get; set; } = [];

    /// <summary>STAC: only items in this RFC 3339 interval ("2021-01-01T00:00:00Z/2021-12-31T23:59:59Z", ".." open).</summary>
    public string? Datetime { get; set; }

    /// <summary>Stop after this many records in one run (public STAC APIs hold billions of items).</summary>
    public int? MaxRecords { get; set; }

    /// <summary>STAC API: list collections only, no items.</summary>
    public bool CollectionsOnly { get; set; }

    /// <summary>Answer this source's requests from recorded responses in this folder (relative to the sources file).</summary>
    public string? Recorded { get; set; }

    /// <summary>For recorded sources: file patterns relative to the sources file.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Harvested into an empty catalogue on first start (recorded sources, which need no network).</summary>
    public bool Seed { get; set; }

    public string? Notes { get; set; }

    /// <summary>How often the background harvester runs this source: "30m", "6h", "1d"; none means on demand only.</summary>
    public string? Schedule { get; set; }

    /// <summary>The interval <see cref="Schedule"/> names, or null when it names none or is not of the form.</summary>
    [YamlIgnore]
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan? Interval => ParseInterval(Schedule);

    public static TimeSpan? ParseInterval(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule) || schedule.Trim().Length < 2
            || !int.TryParse(schedule.Trim()[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return null;
        }
        return char.ToLowerInvariant(schedule.Trim()[^1]) switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
    }

    /// <summary>What is wrong with this definition, each problem naming the source and the field.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > 64 || Id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            problems.Add($"id '{Id}' must be 1 to 64 letters, digits, '-', '_' or '.'");
        }
        if (!SourceKinds.All.Contains(Kind))
        {
            problems.Add($"source '{Id}': kind '{Kind}' is not one of {string.Join(", ", SourceKinds.All)}");
        }
        if (Kind is not (SourceKinds.RecordedObsCore or SourceKinds.StacStatic) && !Uri.TryCreate(Url, UriKind.Absolute, out _))
        {
            problems.Add($"source '{Id}': url '{Url}' is not an absolute URL");
        }
        if (Kind == SourceKinds.StacStatic && string.IsNullOrWhiteSpace(Url))
        {
            problems.Add($"source '{Id}': url must name the catalog (a URL or a path relative to the sources file)");
        }
        if (Domain is not null && Records.Domains.Canonical(Domain) is null)
        {
            problems.Add($"source '{Id}': domain '{Domain}' is not one of {string.Join(", ", Records.Domains.All)}");
        }
        if (Bbox.Count is not (0 or 4) || (Bbox.Count == 4 && !new Records.BoundingBox(Bbox[0], Bbox[1], Bbox[2], Bbox[3]).IsValid))
        {
            problems.Add($"source '{Id}': bbox must be west,south,east,north in degrees");
        }
        if (MaxRecords is < 1)
        {
            problems.Add($"source '{Id}': maxRecords must be at least 1");
        }
        if (PageSize is < 1 or > 100_000)
        {
            problems.Add($"source '{Id}': pageSize {PageSize} must be between 1 and 100000");
        }
        if (Schedule is not null && Interval is null)
        {
            problems.Add($"source '{Id}': schedule '{Schedule}' is not a number of minutes, hours or days ('30m', '6h', '1d')");
        }
        return problems;
    }
}

/// <summary>The list of sources a deployment harvests (<c>data-samples/sources.yaml</c> by default).</summary>
public sealed class SourceFile
{
    public List<SourceDefinition> Sources { get; set; } = [];

    /// <summary>The folder the file was read from; recorded file patterns are relative to it.</summary>
    [YamlIgnore]
    public string Directory { get; private set; } = ".";

    public SourceDefinition Find(string id) =>
        Sources.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"no source '{id}'; known: {string.Join(", ", Sources.Select(s => s.Id))}");

    public static SourceFile Load(string path)
    {
        SourceFile file;
        try
        {
            using var reader = File.OpenText(path);
            file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<SourceFile>(reader) ?? new SourceFile();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"{path}: line {e.Start.Line}: {e.Message}", e);
        }
        file.Directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var problems = file.Sources.SelectMany(s => s.Problems()).ToList();
        foreach (var duplicate in file.Sources.GroupBy(s => s.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"source id '{duplicate.Key}' is listed {duplicate.Count()} times");
        }
        if (problems.Count > 0)
        {
            throw new FormatException($"{path}: {string.Join("; ", problems)}");
        }
        return file;
    }

    /// <summary>A path the sources file names, relative to its folder.</summary>
    public string Resolve(string relative) => Path.GetFullPath(Path.Combine(Directory, relative));

    /// <summary>The files a recorded source replays, in name order.</summary>
    public IReadOnlyList<string> FilesOf(SourceDefinition source) =>
        source.Files.SelectMany(pattern =>
        {
            var full = Path.Combine(Directory, pattern);
            var folder = Path.GetDirectoryName(full)!;
            return System.IO.Directory.Exists(folder) ? System.IO.Directory.EnumerateFiles(folder, Path.GetFileName(full)) : [];
        }).Order(NaturalOrder.Instance).ToList();

    /// <summary>"page-2" before "page-10".</summary>
    private sealed class NaturalOrder : IComparer<string>
    {
        public static NaturalOrder Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            static string Pad(string s) => System.Text.RegularExpressions.Regex.Replace(s, "[0-9]+", m => m.Value.PadLeft(12, '0'));
            return string.CompareOrdinal(Pad(x ?? ""), Pad(y ?? ""));
        }
    }
}
