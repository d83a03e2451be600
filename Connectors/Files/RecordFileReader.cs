namespace DiscoveryPortal.Connectors.Files;

/// <summary>Picks the reader for an import file by its extension.</summary>
public static class RecordFileReader
{
    public static IEnumerable<RecordFileRow> Read(string path, string defaultSourceId)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => CsvRecordReader.Read(File.OpenText(path), defaultSourceId),
            ".jsonl" or ".ndjson" => JsonLinesRecordReader.Read(File.OpenText(path), defaultSourceId),
            _ => throw new InvalidDataException($"'{path}': unknown import format '{extension}'; use .csv or .jsonl"),
        };
    }
}
