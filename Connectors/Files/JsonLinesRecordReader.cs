using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>Every string value of a JSON record with its path, for the cell checks.</summary>
    private static IEnumerable<(string Path, string Value)> Strings(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    foreach (var s in Strings(child, path.Length == 0 ? name : $"{path}.{name}"))
                    {
                        yield return s;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var s in Strings(a[i], $"{path}[{i}]"))
                    {
                        yield return s;
                    }
                }
                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                yield return (path, text);
                break;
        }
    }

    private static RecordFileRow ParseLine(string line, long row, string defaultSourceId)
    {
        if (line.Length > CellGuard.MaxLength * 4)
        {
            return new RecordFileRow(row, null, [new("row", $"is {line.Length:N0} characters long, more than the {CellGuard.MaxLength * 4:N0} a record may take")]);
        }
        AssetRecord record;
        try
        {
            if (JsonNode.Parse(line) is not JsonObject json)
            {
                return new RecordFileRow(row, null, [new("row", "is not a JSON object")]);
            }
            // Fill the source and the id prefix when the file leaves them out, as CSV does.
            var source = json["sourceId"] is JsonValue s && s.TryGetValue<string>(out var given) ? given : defaultSourceId;
            if (json["id"] is not JsonValue i || !i.TryGetValue<string>(out var id) || string.IsNullOrWhiteSpace(id))
            {
                return new RecordFileRow(row, null, [new("id", "is required")]);
            }
            if (json["title"] is not JsonValue t || !t.TryGetValue<string>(out _))
            {
                return new RecordFileRow(row, null, [new("title", "is required")]);
            }
            var guarded = new List<RecordProblem>();
            foreach (var (name, value) in Strings(json, ""))
            {
                CellGuard.Check(name, value, guarded);
            }
            if (guarded.Count > 0)
            {
                return new RecordFileRow(row, null, guarded);
            }
            json["sourceId"] = source;
            json["id"] = id.StartsWith(source + ":", StringComparison.Ordinal) ? id : $"{source}:{id}";
            record = json.Deserialize<AssetRecord>(RecordJson.Options)!;
        }
        catch (JsonException e)
        {
            return new RecordFileRow(row, null, [new(e.Path ?? "row", $"is not valid JSON: {e.Message}")]);
        }
        catch (InvalidOperationException e)
        {
            return new RecordFileRow(row, null, [new("row", $"has a value of the wrong kind: {e.Message}")]);
        }
        var problems = RecordValidator.Validate(record);
        return new RecordFileRow(row, problems.Count == 0 ? record : null, problems);
    }
}
