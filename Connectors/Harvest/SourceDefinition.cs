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

    public static IReadOnlyList<string> All { get; } = [TapObsCore, RegTap, RecordedObsCore];
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

    /// <summary>For recorded sources: file patterns relative to the sources file.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Harvested into an empty catalogue on first start (recorded sources, which need no network).</summary>
    public bool Seed { get; set; }

    public string? Notes { get; set; }
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
        var problems = new List<string>();
        foreach (var (source, i) in file.Sources.Select((s, i) => (s, i + 1)))
        {
            if (string.IsNullOrWhiteSpace(source.Id) || source.Id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                problems.Add($"source {i}: id '{source.Id}' must be letters, digits, '-', '_' or '.'");
            }
            if (!SourceKinds.All.Contains(source.Kind))
            {
                problems.Add($"source '{source.Id}': kind '{source.Kind}' is not one of {string.Join(", ", SourceKinds.All)}");
            }
            if (source.Kind != SourceKinds.RecordedObsCore && !Uri.TryCreate(source.Url, UriKind.Absolute, out _))
            {
                problems.Add($"source '{source.Id}': url '{source.Url}' is not an absolute URL");
            }
            if (source.PageSize is < 1 or > 100_000)
            {
                problems.Add($"source '{source.Id}': pageSize {source.PageSize} must be between 1 and 100000");
            }
        }
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
