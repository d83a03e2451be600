using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Tap;

namespace DiscoveryPortal.Connectors.Tests.Tap;

public sealed class SourceFileTests
{
    [Fact]
    public void The_shipped_sources_file_lists_the_esa_archives_and_a_registry()
    {
        var sources = SourceFile.Load(TestData.Path("data-samples", "sources.yaml"));
        foreach (var id in new[] { "esa-hst", "esa-jwst", "esa-xmm", "esa-gaia", "gavo-registry" })
        {
            var source = sources.Find(id);
            Assert.True(Uri.TryCreate(source.Url, UriKind.Absolute, out var url) && url.Scheme == "https", $"{id}: {source.Url}");
        }
        Assert.Equal(RegTapKind.Key, sources.Find("gavo-registry").Kind);
        Assert.Equal(3, sources.FilesOf(sources.Find("recorded-dachs")).Count);
    }

    [Fact]
    public void Mistakes_in_a_sources_file_are_all_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sources-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            sources:
              - id: "bad id!"
                kind: tap-obscore
                url: http://example.org/tap
              - id: x
                kind: ftp
                url: not-a-url
                pageSize: 0
              - id: x
                kind: regtap
                url: http://example.org/tap
            """);
        try
        {
            var error = Assert.Throws<FormatException>(() => SourceFile.Load(path));
            Assert.Contains("'bad id!'", error.Message, StringComparison.Ordinal);
            Assert.Contains("kind 'ftp'", error.Message, StringComparison.Ordinal);
            Assert.Contains("'not-a-url'", error.Message, StringComparison.Ordinal);
            Assert.Contains("pageSize 0", error.Message, StringComparison.Ordinal);
            Assert.Contains("listed 2 times", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_unknown_source_lists_the_known_ones()
    {
        var sources = SourceFile.Load(TestData.Path("data-samples", "sources.yaml"));
        var error = Assert.Throws<KeyNotFoundException>(() => sources.Find("nowhere"));
        Assert.Contains("esa-hst", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dachs_capabilities_name_obscore_regtap_and_the_output_limits()
    {
        using var stream = File.OpenRead(TestData.Path("tests", "Connectors.Tests", "Fixtures", "Tap", "capabilities-dachs.xml"));
        var capabilities = TapCapabilities.Parse(stream);
        Assert.True(capabilities.HasObsCore);
        Assert.True(capabilities.HasRegTap);
        Assert.Equal(1000, capabilities.DefaultOutputLimit);
        Assert.Equal(100000, capabilities.HardOutputLimit);
        Assert.Contains("ADQL-2.1", capabilities.Languages);
    }

    [Fact]
    public void Capabilities_without_tap_say_so() =>
        Assert.Contains("no TAP capability", Assert.Throws<FormatException>(() => TapCapabilities.Parse(new MemoryStream("<capabilities/>"u8.ToArray()))).Message, StringComparison.Ordinal);
}
