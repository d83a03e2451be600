using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DiscoveryPortal.Indexer.Names;

/// <summary>
/// <c>famous-objects.yaml</c>: objects OpenNGC lacks (stars, compact objects, exoplanet hosts, quasars, deep
/// fields), each with the source of its position, and further names for objects OpenNGC holds.
/// </summary>
internal sealed class FamousObjects
{
    public List<FamousObject> Objects { get; set; } = [];

    public List<FurtherNames> Aliases { get; set; } = [];

    public static FamousObjects Read(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        using var reader = File.OpenText(path);
        var file = deserializer.Deserialize<FamousObjects?>(reader) ?? throw new InvalidDataException($"{path} is empty.");
        foreach (var o in file.Objects)
        {
            if (string.IsNullOrWhiteSpace(o.Name) || string.IsNullOrWhiteSpace(o.Source) || o.Ra is < 0 or >= 360 || o.Dec is < -90 or > 90 || o.Radius <= 0)
            {
                throw new InvalidDataException($"{path}: '{o.Name}' needs a name, a source, ra in [0, 360), dec in [-90, 90] and a radius > 0.");
            }
        }
        return file;
    }
}

internal sealed class FamousObject
{
    public string Name { get; set; } = "";

    public List<string> Aliases { get; set; } = [];

    public double Ra { get; set; }

    public double Dec { get; set; }

    public double Radius { get; set; }

    /// <summary>Where the position comes from ("SIMBAD basic data", a paper).</summary>
    public string Source { get; set; } = "";
}

/// <summary>Names OpenNGC lacks for an object it holds, given by any name OpenNGC knows it by.</summary>
internal sealed class FurtherNames
{
    public string Of { get; set; } = "";

    public List<string> Names { get; set; } = [];
}
