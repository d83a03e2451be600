using DiscoveryPortal.Connectors.Normalisation;

namespace DiscoveryPortal.Connectors.Tests.Normalisation;

public class HtmlSanitiserTests
{
    [Theory]
    [InlineData("<script>alert(1)</script><p>ok</p>", "<p>ok</p>")]
    [InlineData("<p style=\"color:red\" onmouseover=\"x()\">ok</p>", "<p>ok</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"https://example.org/\" target=\"_blank\">x</a>", "<a href=\"https://example.org/\" rel=\"nofollow noopener\">x</a>")]
    [InlineData("<iframe src=\"https://evil\"></iframe>text", "text")]
    [InlineData("<img src=x onerror=alert(1)>", "")]
    [InlineData("<custom><em>kept</em></custom>", "<em>kept</em>")]
    [InlineData("<style>p{}</style><svg><script>1</script></svg>", "")]
    public void Keeps_only_harmless_markup(string html, string expected) =>
        Assert.Equal(expected, HtmlSanitiser.Sanitise(html).Html);

    [Fact]
    public void Plain_text_collapses_whitespace() =>
        Assert.Equal("one two three", HtmlSanitiser.Sanitise("<p>one\n  two</p><ul><li>three</li></ul>").Text);
}
