namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>
/// The folder relative paths in <see cref="CatalogOptions"/> start from: the nearest folder, from the
/// start folder upward, that holds data-samples/. So the portal (run from Web/) and the CLI (run
/// from anywhere in the clone) use the same catalogue file.
/// </summary>
public static class DataRoot
{
    public static string Locate(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "data-samples")))
            {
                return dir.FullName;
            }
        }
        return Path.GetFullPath(start);
    }

    public static string Resolve(string root, string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(root, path));
}
