using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.SearchApi.Oai;

/// <summary>
/// A resumption token: the whole list request and where its next page starts, signed with the catalogue's
/// identity. It holds no server state, so it survives restarts and works on every instance serving the same
/// catalogue; a token altered, cut or made for another catalogue is refused (badResumptionToken).
/// </summary>
public sealed record OaiToken(string Prefix, string? Set, DateTimeOffset? From, DateTimeOffset? Before, ChangeKey After, int Cursor)
{
    private sealed record Payload(string P, string? S, long? F, long? B, long A, string I, int C);

    public string Encode(string catalogId)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(Prefix, Set, From?.UtcTicks, Before?.UtcTicks, After.UpdatedAt.UtcTicks, After.Id, Cursor));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Sign(payload, catalogId));
    }

    public static OaiToken Decode(string token, string catalogId)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        try
        {
            if (dot > 0)
            {
                var payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
                var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
                if (CryptographicOperations.FixedTimeEquals(signature, Sign(payload, catalogId))
                    && JsonSerializer.Deserialize<Payload>(payload) is { P: not null, I: not null } p)
                {
                    return new OaiToken(p.P, p.S, Time(p.F), Time(p.B), new ChangeKey(new DateTimeOffset(p.A, TimeSpan.Zero), p.I), p.C);
                }
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentOutOfRangeException)
        {
        }
        throw new OaiError("badResumptionToken", "The resumption token is not one this repository gave, or it was altered.");
    }

    private static DateTimeOffset? Time(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    private static byte[] Sign(byte[] payload, string catalogId) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes("oai-pmh resumption " + catalogId), payload)[..16];
}
