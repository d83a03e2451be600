namespace DiscoveryPortal.Connectors.Normalisation;

/// <summary>
/// Text as the portal shows it: without the bidirectional formatting characters that reorder what is
/// shown (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+200E/U+200F marks and the
/// Arabic letter mark U+061C), so "invoice\u202Efdp.exe" cannot pass for "invoiceexe.pdf".
/// </summary>
public static class DisplayText
{
    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    public static string Strip(string text) => text.Any(IsBidiControl) ? new string(text.Where(c => !IsBidiControl(c)).ToArray()) : text;

    public static string? StripOrNull(string? text) => text is null ? null : Strip(text);
}
