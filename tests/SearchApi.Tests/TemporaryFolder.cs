namespace DiscoveryPortal.SearchApi.Tests;

/// <summary>Removes a test's temporary folder once its host is gone.</summary>
internal static class TemporaryFolder
{
    /// <summary>
    /// The search index may still be closing (its last commit) a moment after the host stops, so
    /// removal is tried again for up to two seconds before it fails.
    /// </summary>
    public static void Delete(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(100);
            }
        }
    }
}
