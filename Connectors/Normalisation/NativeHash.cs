using System.Security.Cryptography;
using System.Text;

namespace DiscoveryPortal.Connectors.Normalisation;

/// <summary>A fingerprint of a source's native record, so a re-harvest recognises what did not change.</summary>
public static class NativeHash
{
    public static string Of(string native) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(native)));
}
