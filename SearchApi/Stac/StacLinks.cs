using System.Text.Json.Nodes;
using DiscoveryPortal.SearchApi.Security;

namespace DiscoveryPortal.SearchApi.Stac;

/// <summary>The absolute URLs of the STAC API's documents, built on the portal's public URL.</summary>
public sealed class StacLinks(PortalUrls urls)
{
    public const string Json = Features.FeaturePage.Json;
    public const string GeoJson = Features.FeaturePage.GeoJson;

    public PortalUrls Urls => urls;

    public string Root => urls.For(StacEndpoints.Path).ToString();

    public string For(string path) => urls.For(StacEndpoints.Path + path).ToString();

    public string Collection(string id) => For("/collections/" + Uri.EscapeDataString(id));

    public string Items(string collection) => Collection(collection) + "/items";

    public string Item(string collection, string id) => Items(collection) + "/" + Uri.EscapeDataString(id);

    public string AssetPage(string id) => urls.For("/assets/" + Uri.EscapeDataString(id)).ToString();

    public string AssetJson(string id) => urls.For("/api/assets/" + Uri.EscapeDataString(id)).ToString();

    public string Portal(string path) => urls.For(path).ToString();

    public static JsonObject Link(string rel, string href, string? type, string? title = null) => Features.FeaturePage.Link(rel, href, type, title);
}
