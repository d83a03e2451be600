using DiscoveryPortal.Connectors.Compute;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Launch;

namespace DiscoveryPortal.Indexer.Tests.Launch;

public class ToolMatcherTests
{
    private static AssetRecord Data(string id, string source, string? mission, string[] types, string[] formats) =>
        new() { Id = $"{source}:{id}", SourceId = source, Title = id, Mission = mission, ProductTypes = types, Formats = formats };

    private static AssetRecord Tool(string id, string launch, GpuNeed gpu, string[] types, string[] formats) =>
        new() { Id = "tools:" + id, SourceId = "tools", Title = id, AssetType = AssetType.Datalab, Tool = new ToolProfile { Launch = launch, Gpu = gpu, OpensProductTypes = types, OpensFormats = formats } };

    private static readonly AssetRecord Lab = Tool("lab", "jupyterhub", GpuNeed.None, ["image", "spectrum", "scene"], ["application/fits", "application/x-votable+xml", "image/tiff"]);
    private static readonly AssetRecord Cuda = Tool("cuda", "jupyterhub", GpuNeed.Required, ["image", "scene"], ["application/fits", "image/tiff"]);
    private static readonly AssetRecord Topcat = Tool("topcat", "samp", GpuNeed.None, ["catalog", "spectrum", "timeseries"], ["application/x-votable+xml"]);
    private static readonly AssetRecord Ds9 = Tool("ds9", "samp", GpuNeed.None, ["image"], ["application/fits"]);

    private static readonly FacilityDefinition Cpu = new() { Id = "cpu", Title = "CPU hub", Kind = FacilityKinds.JupyterHub };
    private static readonly FacilityDefinition HstHub = new() { Id = "hst", Title = "HST datalab", Kind = FacilityKinds.JupyterHub, DataMissions = ["HST"] };
    private static readonly FacilityDefinition GpuHub = new() { Id = "gpu", Title = "GPU hub", Kind = FacilityKinds.JupyterHub, Gpus = [new GpuOffer { Type = "A100", Count = 4 }] };
    private static readonly FacilityDefinition Desktop = new() { Id = "desktop", Title = "Your desktop", Kind = FacilityKinds.Samp };

    private static readonly AssetRecord HstImage = Data("img", "esa-hst", "HST", ["image"], ["application/fits"]);
    private static readonly AssetRecord HstSpectrum = Data("spec", "esa-hst", "HST", ["spectrum"], ["application/x-votable+xml"]);
    private static readonly AssetRecord Scene = Data("s2", "earth-search", "Sentinel-2", ["scene"], ["image/tiff"]);

    [Fact]
    public void A_GPU_tool_is_offered_only_where_a_GPU_facility_exists()
    {
        Assert.DoesNotContain(ToolMatcher.Match([HstImage], [Lab, Cuda], [Cpu, Desktop]), o => o.ToolId == "tools:cuda");
        var withGpu = ToolMatcher.Match([HstImage], [Lab, Cuda], [Cpu, GpuHub]);
        var cuda = Assert.Single(withGpu, o => o.ToolId == "tools:cuda");
        Assert.Equal(["gpu"], cuda.Facilities.Select(f => f.FacilityId));
        Assert.EndsWith("with a GPU", cuda.Reason);
    }

    [Fact]
    public void Tools_that_cannot_open_every_item_never_appear()
    {
        var offers = ToolMatcher.Match([HstImage, HstSpectrum], [Lab, Topcat, Ds9], [Cpu, Desktop]);
        Assert.Equal(["tools:lab"], offers.Select(o => o.ToolId)); // TOPCAT does not open the image, DS9 not the spectrum
        Assert.Empty(ToolMatcher.Match([Data("x", "s", null, ["sed"], ["text/plain"])], [Lab, Topcat, Ds9], [Cpu, Desktop]));
        Assert.Empty(ToolMatcher.Match([], [Lab], [Cpu]));
    }

    [Fact]
    public void The_facility_next_to_the_data_comes_first_and_says_so()
    {
        var lab = ToolMatcher.Match([HstImage, HstSpectrum], [Lab], [Cpu, HstHub]).Single();
        Assert.Equal(["hst", "cpu"], lab.Facilities.Select(f => f.FacilityId));
        Assert.True(lab.Facilities[0].HoldsData);
        Assert.Equal("opens FITS and VOTable images and spectra; runs next to the HST data on HST datalab", lab.Reason);

        // Data of two places: no facility holds all of it.
        var mixed = ToolMatcher.Match([HstImage, Scene], [Lab], [Cpu, HstHub]).Single();
        Assert.All(mixed.Facilities, f => Assert.False(f.HoldsData));
        Assert.Equal("opens FITS and GeoTIFF images and scenes; runs on CPU hub", mixed.Reason);
    }

    [Fact]
    public void Desktop_tools_are_offered_over_SAMP()
    {
        var ds9 = ToolMatcher.Match([HstImage], [Ds9], [Cpu, Desktop]).Single();
        Assert.Equal(["desktop"], ds9.Facilities.Select(f => f.FacilityId));
        Assert.Equal("opens FITS images; opens on your desktop over SAMP", ds9.Reason);
    }
}
