using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DiscoveryPortal.Connectors.Records;

/// <summary>The one JSON shape of <see cref="AssetRecord"/>: used by the catalogue, the API and JSON-lines files.</summary>
public static class RecordJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(AssetRecord record) => JsonSerializer.Serialize(record, Options);

    public static AssetRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<AssetRecord>(json, Options) ?? throw new JsonException("The record is null.");

    /// <summary>The record as UTF-8 JSON, for stores that keep bytes (no string in between).</summary>
    public static byte[] SerializeUtf8(AssetRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, Options);

    public static AssetRecord Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<AssetRecord>(utf8, Options) ?? throw new JsonException("The record is null.");

    /// <summary>
    /// The record's content as UTF-8 JSON, leaving out when it was harvested, and the hash of that JSON:
    /// ingesting the same record twice is recognised as no change.
    /// </summary>
    public static (byte[] Json, byte[] Hash) Content(AssetRecord record)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(record with { HarvestedAt = default }, Options);
        return (json, SHA256.HashData(json));
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
