using System.Reflection;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>A backend's numbered schema scripts, embedded under <c>prefix</c> (<c>0001_name.sql</c>), in order.</summary>
public static class SchemaScripts
{
    public static IReadOnlyList<(int Version, string Sql)> Load(string prefix)
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                var version = int.Parse(n[prefix.Length..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture);
                return (version, reader.ReadToEnd());
            })
            .OrderBy(s => s.version)
            .ToList();
    }
}
