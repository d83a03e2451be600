namespace DiscoveryPortal.SearchApi.Tests;

/// <summary>Folders of the clone the tests read from.</summary>
internal static class TestPaths
{
    public static string DataSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "data-samples")))
            {
                return Path.Combine(dir.FullName, "data-samples");
            }
        }
        throw new DirectoryNotFoundException("data-samples/");
    }
}
