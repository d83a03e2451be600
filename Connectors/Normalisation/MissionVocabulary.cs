using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DiscoveryPortal.Connectors.Normalisation;

/// <summary>A canonical mission and the thematic family it rolls up to.</summary>
public sealed record MissionName(string Family, string Name, string Domain);

/// <summary>
/// The alias table every connector shares: "Hubble", "Hubble Space Telescope" and "HST" are one
/// mission; "Sentinel-2A" and "sentinel-2b" are platforms of Sentinel-2.
/// </summary>
public sealed class MissionVocabulary
{
    private readonly Dictionary<string, MissionName> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _aliases = new(StringComparer.Ordinal);

    public MissionVocabulary(IEnumerable<MissionFamilyEntry> families)
    {
        foreach (var family in families)
        {
            foreach (var mission in family.Missions)
            {
                var name = new MissionName(family.Name, mission.Name, mission.Domain ?? family.Domain);
                Missions.Add(name);
                foreach (var alias in mission.Aliases.Append(mission.Name))
                {
                    _byKey[Key(alias)] = name;
                }
                _aliases[mission.Name] = [.. mission.Aliases];
            }
        }
    }

    public List<MissionName> Missions { get; } = [];

    public IEnumerable<string> Families => Missions.Select(m => m.Family).Distinct();

    /// <summary>The canonical mission for a name a source used, or null when the name is not in the table.</summary>
    public MissionName? Resolve(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        return _byKey.GetValueOrDefault(Key(raw));
    }

    /// <summary>Every spelling known for a mission, for indexing so that any alias finds it.</summary>
    public IReadOnlyList<string> AliasesOf(string canonical) => _aliases.GetValueOrDefault(canonical) ?? [];

    public static MissionVocabulary Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader);
    }

    public static MissionVocabulary Parse(TextReader yaml)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        var file = deserializer.Deserialize<MissionFile>(yaml)
            ?? throw new InvalidDataException("The mission vocabulary is empty.");
        return new MissionVocabulary(file.Families);
    }

    // Case, spaces, hyphens and underscores do not distinguish missions: "Sentinel 2A" = "sentinel-2a".
    private static string Key(string name) =>
        new(name.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    public sealed class MissionFile
    {
        public List<MissionFamilyEntry> Families { get; set; } = [];
    }
}

public sealed class MissionFamilyEntry
{
    public string Name { get; set; } = "";
    public string Domain { get; set; } = "";
    public List<MissionEntry> Missions { get; set; } = [];
}

public sealed class MissionEntry
{
    public string Name { get; set; } = "";
    public string? Domain { get; set; }
    public List<string> Aliases { get; set; } = [];
}
