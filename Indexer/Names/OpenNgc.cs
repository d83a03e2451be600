namespace DiscoveryPortal.Indexer.Names;

/// <summary>
/// <c>openngc-objects.csv</c>, derived from OpenNGC by <c>ops/names/derive_names.py</c>: one row per object
/// (Dup rows already folded into the entry they point at), J2000 degrees, MajAx in arcmin and every name,
/// the one to show first.
/// </summary>
internal static class OpenNgc
{
    public const string Origin = "OpenNGC";

    /// <summary>Half the major axis, never below this: a position alone still covers the object.</summary>
    public const double MinimumRadius = 0.05;

    /// <summary>Stars have no axis in OpenNGC; other objects without one get this.</summary>
    public const double DefaultRadius = 0.1;

    /// <summary>An object before curated names are added to it, with the key of each name.</summary>
    public sealed record Entry(string Designation, List<string> Names, List<string> Keys, double Ra, double Dec, double Radius);

    public static List<Entry> Read(string path, NameKey keys)
    {
        var entries = new List<Entry>(14_000);
        foreach (var fields in SemicolonFile.Rows(path, "name;type;ra;dec;majax;names"))
        {
            var names = fields[5].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            entries.Add(new Entry(fields[0], names, [.. names.Select(keys.Of)], Number(fields[2], path), Number(fields[3], path), Radius(fields[1], fields[4], path)));
        }
        return entries;
    }

    /// <summary>Half the major axis (arcmin) in degrees, at least <see cref="MinimumRadius"/>.</summary>
    public static double Radius(string type, string majorAxis, string path = "")
    {
        if (majorAxis.Length == 0)
        {
            return type is "*" or "**" ? MinimumRadius : DefaultRadius;
        }
        return Math.Max(Number(majorAxis, path) / 2 / 60, MinimumRadius);
    }

    private static double Number(string text, string path) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{path}: '{text}' is not a number.");
}
