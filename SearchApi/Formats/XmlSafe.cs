using System.Text;
using System.Xml;

namespace DiscoveryPortal.SearchApi.Formats;

/// <summary>
/// Record text as XML can carry it: characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/FFFF) are
/// left out, so a harvested string with a stray control byte cannot make a feed or an OAI answer unreadable.
/// </summary>
public static class XmlSafe
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        if (IsClean(text))
        {
            return text;
        }
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }

    /// <summary>Writes an element whose text is <see cref="Clean"/>ed; nothing when the text is empty.</summary>
    public static void Element(XmlWriter xml, string? prefix, string name, string? ns, string? text)
    {
        var clean = Clean(text).Trim();
        if (clean.Length == 0)
        {
            return;
        }
        xml.WriteStartElement(prefix, name, ns);
        xml.WriteString(clean);
        xml.WriteEndElement();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(c))
            {
                return false;
            }
        }
        return true;
    }

    public static XmlWriter Writer(Stream output) =>
        XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CloseOutput = false });
}
