using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace DiscoveryPortal.Indexer.Search;

/// <summary>
/// Where a page ended: the sort key and document number of its last hit, the fingerprint of the
/// search it belongs to, and the point-in-time view of the index it was read from, so the next page
/// reads the same view while the index changes. Opaque to clients; keyset paging keeps deep pages as
/// cheap as the first.
/// </summary>
public sealed record SearchCursor(double Key, int Ordinal, string Fingerprint, long View = 0)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"2|{Key:R}|{Ordinal}|{Fingerprint}|{View}")));

    public static bool TryDecode(string? text, out SearchCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            return false;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
            if (parts.Length == 5 && parts[0] == "2"
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var key)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
                && long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var view))
            {
                cursor = new SearchCursor(key, ordinal, parts[3], view);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
