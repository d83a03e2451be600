using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DiscoveryPortal.Connectors.Normalisation;

/// <summary>A canonical mission and the thematic family it rolls up to.</summary>
public sealed record MissionName(string Family, string Name, string Domain);

/// <summary>A canonical instrument and the mission it belongs to (none for sensors that fly on many).</summary>
public sealed record InstrumentName(string Name, string? Mission);

/// <summary>
/// The alias table every connector shares: "Hubble", "Hubble Space Telescope" and "HST" are one
/// mission; "Sentinel-2A" and "sentinel-2b" are platforms of Sentinel-2; "ACS/WFC" and "acs" are HST's ACS.
/// The hand-written file wins over the files it includes (derived from maintained lists).
/// </summary>
public sealed class MissionVocabulary
{
    // Words around a mission's name that do not change which mission it is ("NASA Terra satellite").
    private static readonly HashSet<string> Agencies = new(StringComparer.Ordinal)
    {
        "nasa", "esa", "jaxa", "isas", "cnes", "dlr", "asi", "isro", "cnsa", "noaa", "usgs", "eumetsat", "copernicus",
        "roscosmos", "csa", "kari", "inpe", "conae", "the", "eso",
    };

    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal)
    {
        "satellite", "observatory", "mission", "spacecraft", "probe", "telescope", "space", "platform",
    };

    private readonly Dictionary<string, MissionName> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MissionName> _byCanonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _instrumentsOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstrumentName?> _instruments = new(StringComparer.Ordinal);

    public MissionVocabulary(IEnumerable<MissionFamilyEntry> families) : this(new MissionFile { Families = [.. families] }, [])
    {
    }

    private MissionVocabulary(MissionFile main, IReadOnlyList<MissionFile> included)
    {
        Add(main, indexed: true);
        foreach (var file in included)
        {
            Add(file, indexed: false);
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
        if (_byKey.GetValueOrDefault(Key(raw)) is { } exact)
        {
            return exact;
        }
        // "NASA Terra satellite", "ESA/Herschel", "Copernicus Sentinel-6": without the agency and the suffix.
        var words = raw.ToLowerInvariant().Split([' ', '/', ',', '(', ')', '\'', '’'], StringSplitOptions.RemoveEmptyEntries).ToList();
        var from = 0;
        while (from < words.Count - 1 && (Agencies.Contains(words[from]) || words[from] is "esa's" or "nasa's"))
        {
            from++;
        }
        var to = words.Count;
        while (to > from + 1 && Suffixes.Contains(words[to - 1]))
        {
            to--;
        }
        return from == 0 && to == words.Count ? null : _byKey.GetValueOrDefault(Key(string.Join(' ', words.Skip(from).Take(to - from))));
    }

    /// <summary>
    /// The canonical instrument for a name a source used: among the mission's instruments first, then among
    /// every instrument whose name no two missions share; a mode, channel or detector written after the
    /// instrument ("WFC3/UVIS", "EPIC-pn", "MIRI MRS") is the instrument. Null when nothing matches.
    /// </summary>
    public InstrumentName? ResolveInstrument(string? raw, string? mission)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var own = mission is not null && Resolve(mission) is { } m ? _instrumentsOf.GetValueOrDefault(m.Name) : null;
        foreach (var candidate in new[] { raw, raw.Split(['/', '-', '_', ' ', '(', ':', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? raw })
        {
            var key = Key(candidate);
            if (own?.GetValueOrDefault(key) is { } name)
            {
                return new InstrumentName(name, Resolve(mission)!.Name);
            }
            if (_instruments.GetValueOrDefault(key) is { } any && (own is null || any.Mission is null))
            {
                return any;
            }
        }
        return null;
    }

    /// <summary>Every spelling the hand-written table knows for a mission, for indexing so that any alias finds it.</summary>
    public IReadOnlyList<string> AliasesOf(string canonical) => _aliases.GetValueOrDefault(canonical) ?? [];

    public static MissionVocabulary Load(string path)
    {
        MissionFile Read(string file)
        {
            using var reader = File.OpenText(file);
            return ParseFile(reader);
        }
        var main = Read(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new MissionVocabulary(main, main.Include.Select(i => Read(Path.Combine(folder, i))).ToList());
    }

    public static MissionVocabulary Parse(TextReader yaml) => new(ParseFile(yaml), []);

    private static MissionFile ParseFile(TextReader yaml)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        return deserializer.Deserialize<MissionFile>(yaml)
            ?? throw new InvalidDataException("The mission vocabulary is empty.");
    }

    private void Add(MissionFile file, bool indexed)
    {
        foreach (var family in file.Families)
        {
            foreach (var mission in family.Missions)
            {
                if (_byKey.ContainsKey(Key(mission.Name)))
                {
                    continue; // an earlier file names it: that one wins
                }
                var name = new MissionName(family.Name, mission.Name, mission.Domain ?? family.Domain);
                Missions.Add(name);
                _byCanonical[mission.Name] = name;
                foreach (var alias in mission.Aliases.Prepend(mission.Name))
                {
                    _byKey.TryAdd(Key(alias), name);
                }
                if (indexed)
                {
                    _aliases[mission.Name] = [.. mission.Aliases];
                }
                foreach (var instrument in mission.Instruments)
                {
                    AddInstrument(instrument, mission.Name);
                }
            }
        }
        foreach (var (canonical, aliases) in file.Aliases)
        {
            if (_byCanonical.GetValueOrDefault(canonical) is { } name)
            {
                foreach (var alias in aliases)
                {
                    _byKey.TryAdd(Key(alias), name);
                }
            }
        }
        foreach (var instrument in file.Instruments)
        {
            AddInstrument(instrument, null);
        }
    }

    private void AddInstrument(InstrumentEntry instrument, string? mission)
    {
        var name = new InstrumentName(instrument.Name, mission);
        foreach (var alias in instrument.Aliases.Prepend(instrument.Name))
        {
            var key = Key(alias);
            if (mission is not null)
            {
                if (!_instrumentsOf.TryGetValue(mission, out var own))
                {
                    _instrumentsOf[mission] = own = new(StringComparer.Ordinal);
                }
                own.TryAdd(key, instrument.Name);
            }
            // A name two missions' instruments share ("HRC", "VIS") is found only with its mission.
            if (_instruments.TryGetValue(key, out var known))
            {
                if (known is not null && known.Mission is not null && mission is not null && known.Mission != mission)
                {
                    _instruments[key] = null;
                }
            }
            else
            {
                _instruments[key] = name;
            }
        }
    }

    // Case, spaces, hyphens and underscores do not distinguish missions: "Sentinel 2A" = "sentinel-2a".
    private static string Key(string name) =>
        new(name.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    public sealed class MissionFile
    {
        /// <summary>Files beside this one read after it; what this one says wins.</summary>
        public List<string> Include { get; set; } = [];

        public List<MissionFamilyEntry> Families { get; set; } = [];

        /// <summary>More names for missions an earlier file declares.</summary>
        public Dictionary<string, List<string>> Aliases { get; set; } = [];

        /// <summary>Instruments that belong to no one mission.</summary>
        public List<InstrumentEntry> Instruments { get; set; } = [];
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
    public List<InstrumentEntry> Instruments { get; set; } = [];
}

public sealed class InstrumentEntry
{
    public string Name { get; set; } = "";
    public List<string> Aliases { get; set; } = [];
}
