using DiscoveryPortal.Connectors.Compute;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Launch;

/// <summary>A facility that can run a tool for a selection, and why it comes where it does.</summary>
public sealed record FacilityOffer(string FacilityId, string Title, string Kind, bool HoldsData, bool Gpu);

/// <summary>A tool that opens every item of a selection, the facilities that can run it (best first) and why, in words.</summary>
public sealed record ToolOffer(string ToolId, string Title, string Interface, GpuNeed Gpu, string Launch, IReadOnlyList<FacilityOffer> Facilities, string Reason)
{
    /// <summary>The name the tool registers with a SAMP hub under ("topcat", "Aladin"): the tool id's native part.</summary>
    public string SampName => ToolId[(ToolId.IndexOf(':') + 1)..];
}

/// <summary>
/// Decides which tools can open a selection and where they can run: a tool is offered only when it opens
/// every item's product type and format; a facility only when it launches that kind of tool and, for a
/// tool that needs a GPU, offers one. Facilities that hold the data come first, then those with a GPU
/// for tools that can use one. Tools are ranked by whether one of their facilities holds the data.
/// </summary>
public static class ToolMatcher
{
    public static IReadOnlyList<ToolOffer> Match(IReadOnlyList<AssetRecord> selection, IEnumerable<AssetRecord> tools, IReadOnlyList<FacilityDefinition> facilities)
    {
        if (selection.Count == 0)
        {
            return [];
        }
        var offers = new List<ToolOffer>();
        foreach (var tool in tools.Where(t => t.Tool is not null))
        {
            var profile = tool.Tool!;
            if (!selection.All(item => Opens(profile, item)))
            {
                continue;
            }
            var places = facilities
                .Where(f => Runs(f, profile))
                .Select(f => new FacilityOffer(f.Id, f.Title, f.Kind, selection.All(item => Holds(f, item)), f.OffersGpu))
                .OrderByDescending(f => f.HoldsData)
                .ThenByDescending(f => profile.Gpu == GpuNeed.Optional && f.Gpu)
                .ThenBy(f => f.Title, StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (places.Count == 0)
            {
                continue;
            }
            offers.Add(new ToolOffer(tool.Id, tool.Title, profile.Interface, profile.Gpu, profile.Launch, places, Reason(profile, selection, places[0])));
        }
        return offers.OrderByDescending(o => o.Facilities[0].HoldsData)
            .ThenBy(o => o.Gpu == GpuNeed.Required)
            .ThenBy(o => o.Title, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Whether a tool opens an item: one of its product types (when the item names any) and one of its formats (when it names any).</summary>
    public static bool Opens(ToolProfile tool, AssetRecord item)
    {
        var types = item.ProductTypes.Count == 0 || item.ProductTypes.Any(t => tool.OpensProductTypes.Contains(t, StringComparer.OrdinalIgnoreCase));
        var formats = item.Formats.Count == 0 || item.Formats.Any(f => tool.OpensFormats.Contains(f, StringComparer.OrdinalIgnoreCase));
        return types && formats && (item.ProductTypes.Count > 0 || item.Formats.Count > 0);
    }

    private static bool Runs(FacilityDefinition facility, ToolProfile tool) =>
        (tool.Launch, facility.Kind) switch
        {
            ("jupyterhub", FacilityKinds.JupyterHub) => tool.Gpu != GpuNeed.Required || facility.OffersGpu,
            ("binderhub", FacilityKinds.BinderHub) => tool.Gpu != GpuNeed.Required,
            ("samp", FacilityKinds.Samp) => true,
            ("url", FacilityKinds.UrlTemplate) => tool.Gpu != GpuNeed.Required || facility.OffersGpu,
            _ => false,
        };

    private static bool Holds(FacilityDefinition facility, AssetRecord item) =>
        facility.DataSources.Contains(item.SourceId, StringComparer.OrdinalIgnoreCase)
        || (item.Mission is not null && facility.DataMissions.Contains(item.Mission, StringComparer.OrdinalIgnoreCase));

    private static string Reason(ToolProfile tool, IReadOnlyList<AssetRecord> selection, FacilityOffer best)
    {
        var formats = selection.SelectMany(i => i.Formats).Where(f => tool.OpensFormats.Contains(f, StringComparer.OrdinalIgnoreCase)).Distinct().Select(FormatName).ToList();
        var types = selection.SelectMany(i => i.ProductTypes).Where(t => tool.OpensProductTypes.Contains(t, StringComparer.OrdinalIgnoreCase)).Distinct().ToList();
        var opens = "opens " + (formats.Count > 0 ? string.Join(" and ", formats) + " " : "") + (types.Count > 0 ? string.Join(" and ", types.Select(Plural)) : "this data");
        var missions = selection.Select(i => i.Mission ?? i.SourceId).Distinct().ToList();
        var where = best.HoldsData ? $"runs next to the {string.Join(" and ", missions)} data on {best.Title}"
            : best.Kind == FacilityKinds.Samp ? "opens on your desktop over SAMP"
            : $"runs on {best.Title}";
        var gpu = tool.Gpu == GpuNeed.Required ? " with a GPU" : "";
        return $"{opens}; {where}{gpu}";
    }

    private static string FormatName(string mime) => mime switch
    {
        "application/fits" or "image/fits" => "FITS",
        "application/x-votable+xml" => "VOTable",
        "application/x-netcdf" => "NetCDF",
        "application/x-hdf5" => "HDF5",
        "image/tiff" => "GeoTIFF",
        "application/zip" => "zipped",
        _ => mime,
    };

    private static string Plural(string type) => type switch
    {
        "spectrum" => "spectra",
        "catalog" => "catalogues",
        "timeseries" => "time series",
        _ => type + "s",
    };
}
