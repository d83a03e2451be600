namespace DiscoveryPortal.Indexer.Names;

/// <summary>The rows of the semicolon-separated data files here: '#' lines are comments, the first other line names the columns.</summary>
internal static class SemicolonFile
{
    public static IEnumerable<string[]> Rows(string path, string header)
    {
        var columns = header.Split(';').Length;
        var seenHeader = false;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (!seenHeader)
            {
                if (line != header)
                {
                    throw new InvalidDataException($"{path}: the columns are not {header}.");
                }
                seenHeader = true;
                continue;
            }
            var fields = line.Split(';');
            yield return fields.Length == columns ? fields : throw new InvalidDataException($"{path}: '{line}' is not {header}.");
        }
    }
}
