using System.Globalization;
using DiscoveryPortal.SearchApi;

namespace DiscoveryPortal.Web.Pages.Search;

/// <summary>
/// One facet value in the sidebar: its link (which toggles it) and its count drawn as a bar behind the
/// label, as a share of the largest count in its facet. The bar is an SVG rectangle sized by attribute,
/// so it needs neither inline style (the content security policy allows none) nor script.
/// </summary>
public sealed record FacetBar(FacetValueResponse Value, string Href, int Largest)
{
    /// <summary>The bar's length in hundredths of the label's width; a value with results shows at least a sliver.</summary>
    public string Percent => (Largest <= 0 || Value.Count <= 0 ? 0 : Math.Max(2.0, 100.0 * Value.Count / Largest)).ToString("F1", CultureInfo.InvariantCulture);
}
