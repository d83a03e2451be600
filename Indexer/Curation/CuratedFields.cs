using System.Text.Json;
using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Curation;

/// <summary>
/// The fields a registered record sets, in the record's JSON shape, and how they are laid over a
/// harvested record: every field the team gave wins; the rest come from the harvest.
/// </summary>
public static class CuratedFields
{
    /// <summary>Fields that say what the record is in the catalogue, not what it describes.</summary>
    private static readonly HashSet<string> Bookkeeping = ["id", "sourceId", "harvestedAt", "nativeHash"];

    public static JsonObject Of(AssetRecord registered)
    {
        var json = JsonSerializer.SerializeToNode(registered, RecordJson.Options)!.AsObject();
        foreach (var name in json.Select(p => p.Key).ToList())
        {
            if (Bookkeeping.Contains(name) || IsEmpty(json[name]))
            {
                json.Remove(name);
            }
        }
        return json;
    }

    public static AssetRecord Apply(AssetRecord harvested, JsonObject fields)
    {
        var json = JsonSerializer.SerializeToNode(harvested, RecordJson.Options)!.AsObject();
        foreach (var (name, value) in fields)
        {
            if (!Bookkeeping.Contains(name))
            {
                json[name] = value?.DeepClone();
            }
        }
        return json.Deserialize<AssetRecord>(RecordJson.Options)! with { HarvestedAt = harvested.HarvestedAt };
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s),
        _ => false,
    };
}
