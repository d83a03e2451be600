using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>
/// One harvestable source, as listed in <c>sources.yaml</c>, registered through the API or the source form:
/// what every kind has (id, kind, URL, page size, cap, schedule) and the kind's own <see cref="Options"/>.
/// In JSON and YAML the options sit beside the common fields, or under a section named by the kind.
/// </summary>
[JsonConverter(typeof(SourceDefinitionJsonConverter))]
public sealed class SourceDefinition
{
    private SourceOptions? _options;

    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Kind { get; set; } = Tap.TapObsCoreKind.Key;
    public string? Url { get; set; }
    public int PageSize { get; set; } = 1000;

    /// <summary>The domain of what the source holds, where the records do not say (Zenodo, STAC, OpenSearch, CMR).</summary>
    public string? Domain { get; set; }

    /// <summary>Stop after this many records in one run (public STAC APIs hold billions of items).</summary>
    public int? MaxRecords { get; set; }

    /// <summary>Answer this source's requests from recorded responses in this folder (relative to the sources file).</summary>
    public string? Recorded { get; set; }

    /// <summary>For recorded sources: file patterns relative to the sources file.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Harvested into an empty catalogue on first start (recorded sources, which need no network).</summary>
    public bool Seed { get; set; }

    public string? Notes { get; set; }

    /// <summary>How often the background harvester runs this source: "30m", "6h", "1d"; none means on demand only.</summary>
    public string? Schedule { get; set; }

    /// <summary>The kind's own settings; the kind's defaults until set.</summary>
    public SourceOptions Options
    {
        get => _options ??= SourceKinds.Find(Kind)?.DefaultOptions() ?? new NoOptions();
        set => _options = value;
    }

    /// <summary>The options as the kind's type; the kind's defaults when they are of another kind.</summary>
    public T OptionsAs<T>() where T : SourceOptions, new() => Options as T ?? new T();

    /// <summary>The interval <see cref="Schedule"/> names, or null when it names none or is not of the form.</summary>
    [JsonIgnore]
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
        var kind = SourceKinds.Find(Kind);
        if (kind is null)
        {
            problems.Add($"source '{Id}': kind '{Kind}' is not one of {string.Join(", ", SourceKinds.Names)}");
        }
        if (kind?.UrlRule is null or SourceUrlRule.Absolute && !Uri.TryCreate(Url, UriKind.Absolute, out _))
        {
            problems.Add($"source '{Id}': url '{Url}' is not an absolute URL");
        }
        if (kind?.UrlRule == SourceUrlRule.UrlOrPath && string.IsNullOrWhiteSpace(Url))
        {
            problems.Add($"source '{Id}': url must name the catalog (a URL or a path relative to the sources file)");
        }
        if (Domain is not null && Records.Domains.Canonical(Domain) is null)
        {
            problems.Add($"source '{Id}': domain '{Domain}' is not one of {string.Join(", ", Records.Domains.All)}");
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
        if (kind is not null)
        {
            problems.AddRange(Options.Problems(Id));
        }
        return problems;
    }

    /// <summary>Everything of the definition that decides what a harvest reads (not its title, schedule or notes).</summary>
    public string WhatIsRead() =>
        JsonSerializer.Serialize(new { Kind, Url, PageSize, MaxRecords, Domain, Options = JsonSerializer.SerializeToNode(Options, Options.GetType(), SourceJson.Options) }, SourceJson.Options);

    /// <summary>A copy that reads the same, bounded to <paramref name="records"/> records, with no recorded answers or seeding.</summary>
    public SourceDefinition ForProbe(int records) => new()
    {
        Id = Id,
        Title = Title,
        Kind = Kind,
        Url = Url,
        Domain = Domain,
        PageSize = records,
        MaxRecords = records,
        Options = Options.ForProbe(),
    };
}

/// <summary>How source definitions are written as JSON: the API's conventions (camelCase, case-insensitive).</summary>
public static class SourceJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>For YAML turned into JSON, where every scalar arrives as text: numbers and booleans are read from it.</summary>
    public static JsonSerializerOptions FromYaml { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new TextBooleanConverter() },
    };

    /// <summary>The names every kind shares; every other name of a definition belongs to the kind's options.</summary>
    public static IReadOnlySet<string> CommonNames { get; } = typeof(SourceDefinition).GetProperties()
        .Where(p => p.CanWrite && p.Name != nameof(SourceDefinition.Options))
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The names an options type binds.</summary>
    public static IReadOnlySet<string> NamesOf(Type options) =>
        options.GetProperties().Where(p => p.CanWrite).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private sealed class TextBooleanConverter : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String when reader.GetString()?.ToLowerInvariant() is "true" or "yes" or "on" => true,
            JsonTokenType.String when reader.GetString()?.ToLowerInvariant() is "false" or "no" or "off" => false,
            _ => throw new JsonException($"'{(reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType.ToString())}' is not true or false"),
        };

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }
}

/// <summary>
/// Reads a definition's common fields and binds the rest to its kind's options: from a section named by the
/// kind (<c>cmr: {provider: ...}</c>) when there is one, otherwise from the fields beside the common ones, as
/// sources files and the API have always written them. Writes the options beside the common fields.
/// </summary>
public sealed class SourceDefinitionJsonConverter : JsonConverter<SourceDefinition>
{
    public override SourceDefinition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonNode.Parse(ref reader) is not JsonObject json)
        {
            throw new JsonException("a source is an object with an id, a kind and a url");
        }
        var common = new JsonObject();
        foreach (var (name, value) in json)
        {
            if (SourceJson.CommonNames.Contains(name))
            {
                common[name] = value?.DeepClone();
            }
        }
        var definition = common.Deserialize<CommonFields>(options)!.ToDefinition();
        if (SourceKinds.Find(definition.Kind) is { } kind)
        {
            var section = json.FirstOrDefault(p => string.Equals(p.Key, kind.Name, StringComparison.OrdinalIgnoreCase)).Value as JsonObject;
            definition.Options = (SourceOptions)(section ?? json).Deserialize(kind.OptionsType, options)!;
        }
        return definition;
    }

    public override void Write(Utf8JsonWriter writer, SourceDefinition value, JsonSerializerOptions options)
    {
        var json = JsonSerializer.SerializeToNode(CommonFields.Of(value), options)!.AsObject();
        foreach (var (name, option) in JsonSerializer.SerializeToNode(value.Options, value.Options.GetType(), options)!.AsObject())
        {
            json[name] = option?.DeepClone();
        }
        json.WriteTo(writer, options);
    }

    /// <summary>The common fields alone, so the converter can read and write them without itself.</summary>
    private sealed class CommonFields
    {
        public string Id { get; set; } = "";
        public string Title { get; set; } = "";
        public string Kind { get; set; } = Tap.TapObsCoreKind.Key;
        public string? Url { get; set; }
        public int PageSize { get; set; } = 1000;
        public string? Domain { get; set; }
        public int? MaxRecords { get; set; }
        public string? Recorded { get; set; }
        public List<string> Files { get; set; } = [];
        public bool Seed { get; set; }
        public string? Notes { get; set; }
        public string? Schedule { get; set; }

        public static CommonFields Of(SourceDefinition d) => new()
        {
            Id = d.Id,
            Title = d.Title,
            Kind = d.Kind,
            Url = d.Url,
            PageSize = d.PageSize,
            Domain = d.Domain,
            MaxRecords = d.MaxRecords,
            Recorded = d.Recorded,
            Files = d.Files,
            Seed = d.Seed,
            Notes = d.Notes,
            Schedule = d.Schedule,
        };

        public SourceDefinition ToDefinition() => new()
        {
            Id = Id,
            Title = Title,
            Kind = Kind,
            Url = Url,
            PageSize = PageSize,
            Domain = Domain,
            MaxRecords = MaxRecords,
            Recorded = Recorded,
            Files = Files,
            Seed = Seed,
            Notes = Notes,
            Schedule = Schedule,
        };
    }
}
