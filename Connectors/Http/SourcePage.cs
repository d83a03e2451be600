using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using DiscoveryPortal.Connectors.Harvest;

namespace DiscoveryPortal.Connectors.Http;

/// <summary>
/// A source's answer read as a harvest page: a request that fails, or a body that is not whole JSON or XML,
/// is a <see cref="HarvestPageException"/> naming the URL, with a sample of what came back, so the run ends
/// failed and removes nothing. Every REST connector reads its pages through these.
/// </summary>
public static class SourcePage
{
    /// <summary>The answer, or the request's failure as a page that could not be read.</summary>
    public static async Task<SourceResponse> AsPage(this Task<SourceResponse> request, string? what = null)
    {
        try
        {
            return await request;
        }
        catch (SourceHttpException e)
        {
            throw new HarvestPageException(what is null ? e.Message : $"{what}: {e.Message}", e.Sample, e);
        }
    }

    public static JsonDocument ReadJson(this SourceResponse response)
    {
        try
        {
            return JsonDocument.Parse(response.Body);
        }
        catch (JsonException e)
        {
            throw new HarvestPageException($"{response.Url}: the answer is not complete JSON ({e.Message})", SourceClient.Sample(response.Body), e);
        }
    }

    public static XDocument ReadXml(this SourceResponse response)
    {
        try
        {
            return XDocument.Parse(response.Body);
        }
        catch (XmlException e)
        {
            throw new HarvestPageException($"{response.Url}: the answer is not complete XML ({e.Message})", SourceClient.Sample(response.Body), e);
        }
    }
}
