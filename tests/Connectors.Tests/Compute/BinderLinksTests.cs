using DiscoveryPortal.Connectors.Compute;

namespace DiscoveryPortal.Connectors.Tests.Compute;

/// <summary>BinderHub's documented launch URL: /v2/{provider}/{spec}, the spec of each provider, and urlpath.</summary>
public class BinderLinksTests
{
    private static readonly Uri Binder = new("https://mybinder.org");
    private static readonly Uri Manifest = new("https://portal.example/api/manifests/AbC-_1");

    [Theory]
    [InlineData("https://github.com/NLeSC/Xenon/tree/1.2.2", "gh/NLeSC/Xenon/1.2.2")]
    [InlineData("https://github.com/phlorest/chang_et_al2015", "gh/phlorest/chang_et_al2015/HEAD")]
    [InlineData("https://github.com/org/repo.git", "gh/org/repo/HEAD")]
    [InlineData("https://github.com/org/repo/tree/release/v2", "gh/org/repo/release%2Fv2")]
    [InlineData("https://gitlab.com/group/sub/project", "gl/group%2Fsub%2Fproject/HEAD")]
    [InlineData("https://gitlab.com/group/project/-/tree/v1.0", "gl/group%2Fproject/v1.0")]
    [InlineData("https://gitlab.in2p3.fr/escape2020/wp3/ossr-pages", "git/https%3A%2F%2Fgitlab.in2p3.fr%2Fescape2020%2Fwp3%2Fossr-pages/HEAD")]
    [InlineData("10.5281/zenodo.597993", "zenodo/10.5281/zenodo.597993")]
    [InlineData("https://doi.org/10.5281/zenodo.597993", "zenodo/10.5281/zenodo.597993")]
    public void Each_provider_gets_its_spec(string repository, string spec) => Assert.Equal(spec, BinderLinks.Spec(repository));

    [Theory]
    [InlineData("https://example.org/some/repo")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://github.com/onlyowner")]
    public void What_Binder_cannot_build_has_no_spec(string repository) => Assert.Null(BinderLinks.Spec(repository));

    [Fact]
    public void The_launch_url_opens_lab_and_hands_over_the_manifest()
    {
        var url = BinderLinks.Build(Binder, "https://github.com/NLeSC/Xenon/tree/1.2.2", Manifest);
        Assert.Equal("https://mybinder.org/v2/gh/NLeSC/Xenon/1.2.2?urlpath=lab%3Fmanifest%3Dhttps%253A%252F%252Fportal.example%252Fapi%252Fmanifests%252FAbC-_1", url.AbsoluteUri);
        var decoded = Uri.UnescapeDataString(url.Query["?urlpath=".Length..]);
        Assert.Equal("lab?manifest=" + Uri.EscapeDataString(Manifest.ToString()), decoded);
        Assert.Equal("https://mybinder.org/v2/zenodo/10.5281/zenodo.597993?urlpath=lab%2Ftree%2Fdata.ipynb", BinderLinks.Build(Binder, "10.5281/zenodo.597993", null, "/data.ipynb").AbsoluteUri);
    }

    [Fact]
    public void Url_templates_escape_what_they_insert_and_must_give_http()
    {
        var url = UrlTemplateLinks.Fill("https://lab.example/open?m={manifestUrl}&tool={toolId}", Manifest, null, "portal-tools:aladin");
        Assert.Equal("https://lab.example/open?m=https%3A%2F%2Fportal.example%2Fapi%2Fmanifests%2FAbC-_1&tool=portal-tools%3Aaladin", url.AbsoluteUri);
        Assert.Throws<FormatException>(() => UrlTemplateLinks.Fill("{accessUrl}", Manifest, "javascript:alert(1)", "x"));
    }
}
