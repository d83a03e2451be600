using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DiscoveryPortal.Connectors.Compute;

/// <summary>The kinds of compute facility a launch can use.</summary>
public static class FacilityKinds
{
    public const string JupyterHub = "jupyterhub";
    public const string BinderHub = "binderhub";
    public const string Samp = "samp";
    public const string UrlTemplate = "url-template";

    public static IReadOnlyList<string> All { get; } = [JupyterHub, BinderHub, Samp, UrlTemplate];
}

/// <summary>GPUs a facility offers.</summary>
public sealed class GpuOffer
{
    public string Type { get; set; } = "";
    public int Count { get; set; }
}

/// <summary>
/// One compute facility, as listed in <c>facilities.yaml</c>: where it is, what it runs, which data it
/// holds, and where its credentials are (a file or an environment variable, read on the server only).
/// </summary>
public sealed class FacilityDefinition
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Kind { get; set; } = FacilityKinds.JupyterHub;
    public string? Url { get; set; }

    /// <summary>URL templates: <c>{manifestUrl}</c>, <c>{accessUrl}</c>, <c>{toolId}</c>.</summary>
    public string? Template { get; set; }

    public List<GpuOffer> Gpus { get; set; } = [];

    /// <summary>JupyterHub: the spawn profile that asks for a GPU node.</summary>
    public string? GpuProfile { get; set; }

    /// <summary>Sources whose data sits on this facility's storage.</summary>
    public List<string> DataSources { get; set; } = [];

    /// <summary>Missions whose data sits on this facility's storage.</summary>
    public List<string> DataMissions { get; set; } = [];

    /// <summary>A file holding the API token (relative to the facilities file).</summary>
    public string? TokenFile { get; set; }

    /// <summary>An environment variable holding the API token.</summary>
    public string? TokenEnv { get; set; }

    public string? Notes { get; set; }

    [YamlIgnore]
    public bool OffersGpu => Gpus.Any(g => g.Count > 0);
}

/// <summary>The compute facilities a deployment offers (<c>data-samples/facilities.yaml</c> by default).</summary>
public sealed class FacilityFile
{
    public List<FacilityDefinition> Facilities { get; set; } = [];

    [YamlIgnore]
    public string Directory { get; private set; } = ".";

    public FacilityDefinition? Find(string id) =>
        Facilities.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The facility's API token, read from its file or environment variable; null when it has none.</summary>
    public string? TokenOf(FacilityDefinition facility)
    {
        if (facility.TokenEnv is { } variable && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnv)
        {
            return fromEnv.Trim();
        }
        if (facility.TokenFile is { } file)
        {
            var path = Path.GetFullPath(Path.Combine(Directory, file));
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        return null;
    }

    public static FacilityFile Load(string path)
    {
        FacilityFile file;
        try
        {
            using var reader = File.OpenText(path);
            file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<FacilityFile>(reader) ?? new FacilityFile();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"{path}: line {e.Start.Line}: {e.Message}", e);
        }
        file.Directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var problems = new List<string>();
        foreach (var f in file.Facilities)
        {
            if (string.IsNullOrWhiteSpace(f.Id) || f.Id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                problems.Add($"facility id '{f.Id}' must be letters, digits, '-', '_' or '.'");
            }
            if (!FacilityKinds.All.Contains(f.Kind))
            {
                problems.Add($"facility '{f.Id}': kind '{f.Kind}' is not one of {string.Join(", ", FacilityKinds.All)}");
            }
            if (f.Kind is FacilityKinds.JupyterHub or FacilityKinds.BinderHub && !Records.RecordValidator.IsHttpUrl(f.Url))
            {
                problems.Add($"facility '{f.Id}': url '{f.Url}' is not an http(s) URL");
            }
            if (f.Kind == FacilityKinds.UrlTemplate && string.IsNullOrWhiteSpace(f.Template))
            {
                problems.Add($"facility '{f.Id}': a url-template facility needs a template");
            }
        }
        foreach (var duplicate in file.Facilities.GroupBy(f => f.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"facility id '{duplicate.Key}' is listed {duplicate.Count()} times");
        }
        return problems.Count > 0 ? throw new FormatException($"{path}: {string.Join("; ", problems)}") : file;
    }
}
