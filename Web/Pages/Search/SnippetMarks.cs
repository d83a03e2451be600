using System.Net;
using DiscoveryPortal.Indexer.Search;
using Microsoft.AspNetCore.Html;

namespace DiscoveryPortal.Web.Pages.Search;

/// <summary>A hit's plain-text snippet as HTML: the text escaped, each highlighted stretch in &lt;mark&gt;.</summary>
public static class SnippetMarks
{
    public static IHtmlContent Html(string text, IReadOnlyList<TextSpan> highlights)
    {
        var html = new System.Text.StringBuilder(text.Length + highlights.Count * 13);
        var at = 0;
        foreach (var span in highlights.Where(s => s.Start >= 0 && s.Length > 0 && s.Start + s.Length <= text.Length).OrderBy(s => s.Start))
        {
            if (span.Start < at)
            {
                continue;
            }
            html.Append(WebUtility.HtmlEncode(text[at..span.Start])).Append("<mark>")
                .Append(WebUtility.HtmlEncode(text.Substring(span.Start, span.Length))).Append("</mark>");
            at = span.Start + span.Length;
        }
        html.Append(WebUtility.HtmlEncode(text[at..]));
        return new HtmlString(html.ToString());
    }
}
