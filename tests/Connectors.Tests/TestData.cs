using DiscoveryPortal.Connectors.Normalisation;

namespace DiscoveryPortal.Connectors.Tests;

/// <summary>Paths to the repository's own data, found from the test's output folder.</summary>
internal static class TestData
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static MissionVocabulary Missions { get; } = MissionVocabulary.Load(Path("data-samples", "vocabulary", "missions.yaml"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(System.IO.Path.Combine(dir.FullName, "data-samples")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("data-samples/ not found above " + AppContext.BaseDirectory);
    }
}
