using DiscoveryPortal.SearchApi.Security;

namespace DiscoveryPortal.SearchApi.Records;

/// <summary>The absolute URLs of the records API's documents, built on the portal's public URL.</summary>
public sealed class RecordsLinks(PortalUrls urls)
{
    public PortalUrls Urls => urls;

    public string Root => urls.For(RecordsEndpoints.Path).ToString();

    public string For(string path) => urls.For(RecordsEndpoints.Path + path).ToString();

    public string Catalogue => For("/collections/" + RecordsEndpoints.CatalogueId);

    public string Record(string id) => Catalogue + "/items/" + Uri.EscapeDataString(id);
}
