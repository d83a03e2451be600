using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace DiscoveryPortal.Connectors.Normalisation;

/// <summary>
/// Keeps the harmless part of a source's HTML description: an allowlist of text elements, links only
/// to http(s) and mailto, and no attributes beyond href and title. Scripts, styles, event handlers and
/// embedded content are dropped with their contents.
/// </summary>
public static class HtmlSanitiser
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "ul", "ol", "li", "em", "strong", "b", "i", "u", "a", "code", "pre", "blockquote",
        "h1", "h2", "h3", "h4", "h5", "h6", "sub", "sup", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "span", "div",
    };

    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "object", "embed", "form", "input", "button", "textarea", "select", "svg", "math",
        "link", "meta", "base", "frame", "frameset", "template", "noscript", "img", "video", "audio", "source", "canvas",
    };

    private static readonly HtmlParser Parser = new();

    /// <summary>The sanitised HTML and its plain text.</summary>
    public static (string Html, string Text) Sanitise(string html)
    {
        using var document = Parser.ParseDocument("<body>" + html + "</body>");
        var body = document.Body!;
        Clean(body);
        var builder = new System.Text.StringBuilder();
        AppendText(body, builder);
        var text = string.Join(' ', builder.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return (body.InnerHtml.Trim(), text);
    }

    private static void Clean(IElement parent)
    {
        foreach (var element in parent.Children.ToList())
        {
            if (Dropped.Contains(element.LocalName))
            {
                element.Remove();
                continue;
            }
            Clean(element);
            if (!Allowed.Contains(element.LocalName))
            {
                // Unknown element: keep its (already cleaned) children, lose the element.
                foreach (var child in element.ChildNodes.ToList())
                {
                    parent.InsertBefore(child, element);
                }
                element.Remove();
                continue;
            }
            foreach (var attribute in element.Attributes.ToList())
            {
                var keep = attribute.LocalName switch
                {
                    "href" => element.LocalName == "a" && IsSafeUrl(attribute.Value),
                    "title" => true,
                    _ => false,
                };
                if (!keep)
                {
                    element.RemoveAttribute(attribute.NamespaceUri, attribute.LocalName);
                }
            }
            if (element.LocalName == "a" && element.HasAttribute("href"))
            {
                element.SetAttribute("rel", "nofollow noopener");
            }
        }
    }

    // TextContent runs blocks together ("two</p><li>three" gives "twothree"); blocks are separated here.
    private static void AppendText(INode node, System.Text.StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child.NodeType == NodeType.Text)
            {
                builder.Append(child.TextContent);
            }
            else if (child is IElement element)
            {
                var inline = element.LocalName is "a" or "em" or "strong" or "b" or "i" or "u" or "code" or "sub" or "sup" or "span";
                if (!inline)
                {
                    builder.Append(' ');
                }
                AppendText(element, builder);
                if (!inline)
                {
                    builder.Append(' ');
                }
            }
        }
    }

    private static bool IsSafeUrl(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
}
