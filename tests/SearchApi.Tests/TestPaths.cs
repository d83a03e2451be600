namespace DiscoveryPortal.SearchApi.Tests;

/// <summary>Folders of the clone the tests read from.</summary>
internal static class TestPaths
{
    public static string DataSamples() => Path.Combine(Repository(), "data-samples");

    /// <summary>A file of this test project's sources, such as a client script.</summary>
    public static string Source(params string[] parts) => Path.Combine([Repository(), "tests", "SearchApi.Tests", .. parts]);

    public static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "data-samples")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("data-samples/");
    }
}
