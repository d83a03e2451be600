using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>The list of sources a deployment harvests (<c>data-samples/sources.yaml</c> by default).</summary>
public sealed class SourceFile
{
    public List<SourceDefinition> Sources { get; set; } = [];

    /// <summary>The folder the file was read from; recorded file patterns are relative to it.</summary>
    public string Directory { get; private set; } = ".";

    public SourceDefinition Find(string id) =>
        Sources.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"no source '{id}'; known: {string.Join(", ", Sources.Select(s => s.Id))}");

    /// <summary>
    /// Reads a sources file. Each source is bound as the API binds a definition (its kind's options beside the
    /// common fields, or under a section named by the kind); every problem of every source is named at once,
    /// including settings no field of the kind reads.
    /// </summary>
    public static SourceFile Load(string path)
    {
        var file = new SourceFile { Directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "." };
        var problems = new List<string>();
        foreach (var entry in Entries(path))
        {
            var id = entry["id"]?.ToString() ?? "";
            try
            {
                var source = entry.Deserialize<SourceDefinition>(SourceJson.FromYaml)!;
                problems.AddRange(UnknownSettings(entry, source));
                problems.AddRange(source.Problems());
                file.Sources.Add(source);
            }
            catch (JsonException e)
            {
                problems.Add($"source '{id}': {e.Message}");
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

    private static IEnumerable<string> UnknownSettings(JsonObject entry, SourceDefinition source)
    {
        if (SourceKinds.Find(source.Kind) is not { } kind)
        {
            yield break;
        }
        var known = SourceJson.NamesOf(kind.OptionsType);
        foreach (var (name, value) in entry)
        {
            if (SourceJson.CommonNames.Contains(name) || known.Contains(name))
            {
                continue;
            }
            if (string.Equals(name, kind.Name, StringComparison.OrdinalIgnoreCase) && value is JsonObject section)
            {
                foreach (var inner in section.Select(p => p.Key).Where(n => !known.Contains(n)))
                {
                    yield return $"source '{source.Id}': '{kind.Name}.{inner}' is not a setting of kind '{kind.Name}'";
                }
                continue;
            }
            yield return $"source '{source.Id}': '{name}' is not a setting of kind '{kind.Name}'";
        }
    }

    /// <summary>The file's <c>sources</c> list as JSON objects, every scalar as text (the binding reads numbers and booleans from it).</summary>
    private static List<JsonObject> Entries(string path)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = File.OpenText(path);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"{path}: line {e.Start.Line}: {e.Message}", e);
        }
        if (yaml.Documents.Count == 0)
        {
            return [];
        }
        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException($"{path}: the file is not a mapping with a 'sources' list");
        }
        var sources = root.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "sources" }).Value;
        if (sources is null || (sources is YamlScalarNode s && IsNull(s)))
        {
            return [];
        }
        if (sources is not YamlSequenceNode list)
        {
            throw new FormatException($"{path}: line {sources.Start.Line}: 'sources' is not a list");
        }
        try
        {
            return list.Children.Select(node => Json(node) as JsonObject ?? throw new FormatException($"line {node.Start.Line}: a source is a mapping of settings")).ToList();
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    private static JsonNode? Json(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                return IsNull(scalar) ? null : JsonValue.Create(scalar.Value);
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(Json).ToArray());
            case YamlMappingNode mapping:
                var json = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? throw new FormatException($"line {key.Start.Line}: a setting's name is not text");
                    if (json.ContainsKey(name))
                    {
                        throw new FormatException($"line {key.Start.Line}: '{name}' is set twice");
                    }
                    json[name] = Json(value);
                }
                return json;
            default:
                throw new FormatException($"line {node.Start.Line}: aliases are not read in a sources file");
        }
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

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
