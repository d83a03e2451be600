namespace DiscoveryPortal.Connectors.Records;

/// <summary>The controlled list of scientific domains.</summary>
public static class Domains
{
    public const string SpaceScience = "Space Science";
    public const string EarthObservation = "Earth Observation";
    public const string Heliophysics = "Heliophysics";
    public const string PlanetaryScience = "Planetary Science";
    public const string Multidisciplinary = "Multidisciplinary";

    public static IReadOnlyList<string> All { get; } =
        [SpaceScience, EarthObservation, Heliophysics, PlanetaryScience, Multidisciplinary];

    public static string? Canonical(string value) =>
        All.FirstOrDefault(d => string.Equals(d, value.Trim(), StringComparison.OrdinalIgnoreCase));
}
