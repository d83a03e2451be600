using System.Globalization;
using System.Text;

namespace DiscoveryPortal.Indexer.Analysis;

/// <summary>
/// Unicode normalisation of typed or pasted text. ICU refuses strings holding the noncharacter U+FFFE,
/// and a query or a name must not fail on them: such code points (and unpaired surrogates or unassigned
/// code points, where a string holds one of those too) are read as spaces.
/// </summary>
public static class UnicodeText
{
    public static string Normalize(string text, NormalizationForm form)
    {
        try
        {
            return text.Normalize(form);
        }
        catch (ArgumentException)
        {
            var clean = Clean(text);
            try
            {
                return clean.Normalize(form);
            }
            catch (ArgumentException)
            {
                return clean;
            }
        }
    }

    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var used);
            var value = rune.Value;
            var refused = status != System.Buffers.OperationStatus.Done
                || (value & 0xFFFE) == 0xFFFE || value is >= 0xFDD0 and <= 0xFDEF
                || Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherNotAssigned;
            if (refused)
            {
                clean.Append(' ');
            }
            else
            {
                clean.Append(rest[..used]);
            }
            rest = rest[Math.Max(used, 1)..];
        }
        return clean.ToString();
    }
}
