using System.Text.Json;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Files;

/// <summary>Reads records in the model's own JSON shape, one per line; blank lines are skipped.</summary>
public static class JsonLinesRecordReader
{
    public static IEnumerable<RecordFileRow> Read(TextReader text, string defaultSourceId)
    {
        long row = 0;
        using (text)
        {
            while (text.ReadLine() is { } line)
            {
                row++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                yield return ParseLine(line, row, defaultSourceId);
            }
        }
    }

    private static RecordFileRow ParseLine(string line, long row, string defaultSourceId)
    {
        AssetRecord record;
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new RecordFileRow(row, null, [new("row", "is not a JSON object")]);
            }
            // Fill the source and id prefix when the file leaves them out, as CSV does.
            var source = doc.RootElement.TryGetProperty("sourceId", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()! : defaultSourceId;
            var id = doc.RootElement.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            if (id is null)
            {
                return new RecordFileRow(row, null, [new("id", "is required")]);
            }
            if (doc.RootElement.TryGetProperty("title", out var t) == false || t.ValueKind != JsonValueKind.String)
            {
                return new RecordFileRow(row, null, [new("title", "is required")]);
            }
            record = doc.RootElement.Deserialize<AssetRecord>(RecordJson.Options)!;
            record = record with
            {
                SourceId = source,
                Id = id.StartsWith(source + ":", StringComparison.Ordinal) ? id : $"{source}:{id}",
            };
        }
        catch (JsonException e)
        {
            return new RecordFileRow(row, null, [new(e.Path ?? "row", $"is not valid JSON: {e.Message}")]);
        }
        var problems = RecordValidator.Validate(record);
        return new RecordFileRow(row, problems.Count == 0 ? record : null, problems);
    }
}
