using System.Globalization;
using DiscoveryPortal.Connectors.Records;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DiscoveryPortal.Indexer.Bench.Relevance;

/// <summary>
/// Reads the judged query set (<c>Bench/Relevance/queries.yaml</c>): named sky positions and ground
/// boxes, then the queries with their rules. Every mistake (an unknown condition, object or kind, a
/// repeated id) is a <see cref="FormatException"/> naming the query and the condition.
/// </summary>
public static class QueryFile
{
    /// <summary>The kinds of difficulty a query stands for; averages are given per kind in this order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["filler", "object-name", "spelling", "synonym", "doi", "tool", "broad", "mixed"];

    /// <summary>The conditions a rule may use, as the README describes them.</summary>
    public static IReadOnlyList<string> Conditions { get; } =
    [
        "mission", "platform", "instrument", "productType", "waveband", "assetType", "domain", "source", "target",
        "doi", "text", "near", "bbox", "years", "opens", "opensFormat", "interface", "gpu",
    ];

    public static string DefaultPath(string root) => Path.Combine(root, "Indexer", "Bench", "Relevance", "queries.yaml");

    public static IReadOnlyList<JudgedQuery> Load(string path) => Parse(File.ReadAllText(path));

    public static IReadOnlyList<JudgedQuery> Parse(string yaml)
    {
        FileModel file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<FileModel?>(yaml) ?? new FileModel();
        }
        catch (YamlException e)
        {
            throw new FormatException($"The query file is not valid: {e.Message}", e);
        }
        var queries = new List<JudgedQuery>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in file.Queries)
        {
            if (string.IsNullOrWhiteSpace(q.Id) || !ids.Add(q.Id))
            {
                throw new FormatException($"Query id '{q.Id}' is empty or used twice.");
            }
            if (!Kinds.Contains(q.Kind))
            {
                throw new FormatException($"Query '{q.Id}': kind '{q.Kind}' is not one of {string.Join(", ", Kinds)}.");
            }
            if (string.IsNullOrWhiteSpace(q.Text))
            {
                throw new FormatException($"Query '{q.Id}' has no text.");
            }
            if (q.Grade2 is null && q.Grade1 is null)
            {
                throw new FormatException($"Query '{q.Id}' has neither a grade2 nor a grade1 rule.");
            }
            queries.Add(new JudgedQuery(q.Id, q.Kind, q.Text,
                q.Grade2 is null ? null : Rule(q.Id, q.Grade2, file),
                q.Grade1 is null ? null : Rule(q.Id, q.Grade1, file)));
        }
        return queries;
    }

    private static RecordRule Rule(string query, Dictionary<string, object?> conditions, FileModel file)
    {
        if (conditions.Count == 0)
        {
            throw new FormatException($"Query '{query}' has an empty rule.");
        }
        return new RecordRule(conditions.Select(c =>
        {
            try
            {
                return new RecordCondition($"{c.Key}: {Written(c.Value)}", Condition(c.Key, c.Value, file));
            }
            catch (FormatException e)
            {
                throw new FormatException($"Query '{query}', condition '{c.Key}': {e.Message}", e);
            }
        }).ToList());
    }

    private static Func<AssetRecord, bool> Condition(string name, object? value, FileModel file)
    {
        switch (name)
        {
            case "mission":
                return AnyOf(value, r => r.Mission);
            case "platform":
                return AnyOf(value, r => r.Platform);
            case "domain":
                return AnyOf(value, r => r.Domain);
            case "source":
                return AnyOf(value, r => r.SourceId);
            case "target":
                return AnyOf(value, r => r.Details.GetValueOrDefault("target"));
            case "interface":
                return AnyOf(value, r => r.Tool?.Interface);
            case "productType":
                return AnyOfList(value, r => r.ProductTypes);
            case "waveband":
                return AnyOfList(value, r => r.Wavebands);
            case "opens":
                return AnyOfList(value, r => r.Tool?.OpensProductTypes ?? []);
            case "opensFormat":
                return AnyOfList(value, r => r.Tool?.OpensFormats ?? []);
            case "instrument":
                {
                    var wanted = Strings(value);
                    return r => r.Instruments.Any(i => wanted.Any(w => IsInstrument(i, w)));
                }
            case "assetType":
                {
                    var types = Strings(value).Select(t => Enum.TryParse<AssetType>(t, ignoreCase: true, out var type)
                        ? type : throw new FormatException($"'{t}' is not an asset type")).ToHashSet();
                    return r => types.Contains(r.AssetType);
                }
            case "doi":
                {
                    var dois = Strings(value).Select(DoiName.Key).ToHashSet(StringComparer.Ordinal);
                    return r => r.Doi is not null && dois.Contains(DoiName.Key(r.Doi));
                }
            case "text":
                {
                    var phrases = Strings(value);
                    return r => phrases.Any(p => ContainsPhrase(r.Title, p) || ContainsPhrase(r.Description, p) || r.Keywords.Any(k => ContainsPhrase(k, p)));
                }
            case "gpu":
                {
                    var gpu = Scalar(value) switch
                    {
                        "true" => true,
                        "false" => false,
                        var other => throw new FormatException($"'{other}' is neither true nor false"),
                    };
                    return r => r.Tool is { } tool && (tool.Gpu != GpuNeed.None) == gpu;
                }
            case "near":
                {
                    var (ra, dec, radius) = Cone(value, file);
                    return r => r.Sky is { } sky && SkyGeometry.AngularDistance(ra, dec, sky.Ra, sky.Dec) <= radius + sky.Radius;
                }
            case "bbox":
                {
                    var box = Box(value, file);
                    return r => r.Ground is { } ground && ground.Box.Intersects(box);
                }
            case "years":
                {
                    var (start, end) = Years(value);
                    return r => r.Time is { } time && (time.Start ?? time.End) is not null && time.Overlaps(start, end);
                }
            default:
                throw new FormatException($"'{name}' is not a condition; the conditions are {string.Join(", ", Conditions)}");
        }
    }

    /// <summary>
    /// An instrument named in a rule matches the record's instrument of that name (case aside) and its
    /// modes and versions: <c>WFC3</c> matches <c>WFC3/UVIS</c>, <c>EPIC</c> matches <c>EPIC-pn</c>.
    /// </summary>
    public static bool IsInstrument(string instrument, string wanted) =>
        instrument.Equals(wanted, StringComparison.OrdinalIgnoreCase)
        || (instrument.Length > wanted.Length && instrument.StartsWith(wanted, StringComparison.OrdinalIgnoreCase) && instrument[wanted.Length] is '/' or '-');

    /// <summary>Whether the text holds the phrase (case aside) with no letter or digit just before or after it.</summary>
    public static bool ContainsPhrase(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + phrase.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }
        return false;
    }

    private static Func<AssetRecord, bool> AnyOf(object? value, Func<AssetRecord, string?> field)
    {
        var wanted = Strings(value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return r => field(r) is { } v && wanted.Contains(v);
    }

    private static Func<AssetRecord, bool> AnyOfList(object? value, Func<AssetRecord, IReadOnlyList<string>> field)
    {
        var wanted = Strings(value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return r => field(r).Any(wanted.Contains);
    }

    private static (double Ra, double Dec, double Radius) Cone(object? value, FileModel file)
    {
        if (value is not Dictionary<object, object?> map)
        {
            throw new FormatException("must be {object: NAME, radius: DEG} or {ra: DEG, dec: DEG, radius: DEG}");
        }
        var fields = map.ToDictionary(p => Scalar(p.Key), p => p.Value, StringComparer.Ordinal);
        var radius = Number(fields.GetValueOrDefault("radius"), "radius");
        if (fields.TryGetValue("object", out var name))
        {
            var objectName = Scalar(name);
            return file.Objects.TryGetValue(objectName, out var position)
                ? (position.Ra, position.Dec, radius)
                : throw new FormatException($"object '{objectName}' is not among the objects of the file");
        }
        return (Number(fields.GetValueOrDefault("ra"), "ra"), Number(fields.GetValueOrDefault("dec"), "dec"), radius);
    }

    private static BoundingBox Box(object? value, FileModel file)
    {
        double[] edges;
        if (value is string place)
        {
            edges = file.Places.TryGetValue(place, out var known) ? [.. known] : throw new FormatException($"place '{place}' is not among the places of the file");
        }
        else
        {
            edges = Strings(value).Select(s => Number(s, "bbox")).ToArray();
        }
        var box = edges.Length == 4 ? new BoundingBox(edges[0], edges[1], edges[2], edges[3]) : default;
        return edges.Length == 4 && box.IsValid ? box : throw new FormatException("must be a place or [west, south, east, north] in degrees");
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Years(object? value)
    {
        var text = Scalar(value);
        var parts = text.Split('-', 2);
        if (parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100))
        {
            var first = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var last = int.Parse(parts[^1], CultureInfo.InvariantCulture);
            if (first <= last)
            {
                return (new DateTimeOffset(first, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(last + 1, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1));
            }
        }
        throw new FormatException($"'{text}' is neither a year nor a range of years (2019-2021)");
    }

    private static IReadOnlyList<string> Strings(object? value)
    {
        var values = value is List<object?> list ? list.Select(Scalar).ToList() : [Scalar(value)];
        return values.Count > 0 ? values : throw new FormatException("has no value");
    }

    private static string Scalar(object? value) =>
        value is string s && s.Length > 0 ? s : throw new FormatException("must be a value or a list of values");

    private static double Number(object? value, string name) =>
        value is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d : throw new FormatException($"{name} must be a number of degrees");

    private static string Written(object? value) => value switch
    {
        List<object?> list => "[" + string.Join(", ", list.Select(Written)) + "]",
        Dictionary<object, object?> map => "{" + string.Join(", ", map.Select(p => $"{p.Key}: {Written(p.Value)}")) + "}",
        _ => value?.ToString() ?? "",
    };

    private sealed class FileModel
    {
        public Dictionary<string, Position> Objects { get; set; } = [];
        public Dictionary<string, List<double>> Places { get; set; } = [];
        public List<QueryModel> Queries { get; set; } = [];
    }

    private sealed class Position
    {
        public double Ra { get; set; }
        public double Dec { get; set; }
    }

    private sealed class QueryModel
    {
        public string Id { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Text { get; set; } = "";
        public Dictionary<string, object?>? Grade2 { get; set; }
        public Dictionary<string, object?>? Grade1 { get; set; }
    }
}
