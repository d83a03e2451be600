using System.Xml.Linq;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>What a TAP service says of itself in VOSI capabilities.</summary>
public sealed record TapCapabilities(
    IReadOnlyList<string> DataModels,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> OutputFormats,
    long? DefaultOutputLimit,
    long? HardOutputLimit)
{
    public bool HasObsCore => DataModels.Any(m => m.StartsWith("ivo://ivoa.net/std/obscore", StringComparison.OrdinalIgnoreCase));

    public bool HasRegTap => DataModels.Any(m => m.StartsWith("ivo://ivoa.net/std/regtap", StringComparison.OrdinalIgnoreCase));

    public static TapCapabilities Parse(Stream xml)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Load(xml);
        }
        catch (System.Xml.XmlException e)
        {
            throw new FormatException($"the capabilities document is not well-formed XML: {e.Message}", e);
        }
        var tap = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "capability"
            && string.Equals((string?)e.Attribute("standardID"), "ivo://ivoa.net/std/TAP", StringComparison.OrdinalIgnoreCase));
        if (tap is null)
        {
            throw new FormatException("the capabilities document has no TAP capability (standardID ivo://ivoa.net/std/TAP)");
        }
        var models = tap.Elements().Where(e => e.Name.LocalName == "dataModel").Select(e => (string?)e.Attribute("ivo-id") ?? e.Value.Trim()).ToList();
        var languages = tap.Elements().Where(e => e.Name.LocalName == "language")
            .SelectMany(l => l.Elements().Where(v => v.Name.LocalName == "version").Select(v => $"{Child(l, "name")}-{v.Value.Trim()}")
                .DefaultIfEmpty(Child(l, "name") ?? ""))
            .ToList();
        var formats = tap.Elements().Where(e => e.Name.LocalName == "outputFormat").Select(f => Child(f, "mime") ?? "").Where(m => m.Length > 0).ToList();
        var limit = tap.Elements().FirstOrDefault(e => e.Name.LocalName == "outputLimit");
        return new TapCapabilities(models, languages, formats, Number(limit, "default"), Number(limit, "hard"));
    }

    private static string? Child(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value.Trim();

    private static long? Number(XElement? limit, string name) =>
        long.TryParse(limit is null ? null : Child(limit, name), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
