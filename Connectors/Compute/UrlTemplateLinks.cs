namespace DiscoveryPortal.Connectors.Compute;

/// <summary>Fills a facility's URL template: <c>{manifestUrl}</c>, <c>{accessUrl}</c> and <c>{toolId}</c>, each URL-escaped.</summary>
public static class UrlTemplateLinks
{
    public static Uri Fill(string template, Uri manifestUrl, string? accessUrl, string toolId)
    {
        var filled = template
            .Replace("{manifestUrl}", Uri.EscapeDataString(manifestUrl.ToString()), StringComparison.Ordinal)
            .Replace("{accessUrl}", Uri.EscapeDataString(accessUrl ?? ""), StringComparison.Ordinal)
            .Replace("{toolId}", Uri.EscapeDataString(toolId), StringComparison.Ordinal);
        return Records.RecordValidator.IsHttpUrl(filled) ? new Uri(filled) : throw new FormatException($"the template '{template}' does not give an http(s) URL");
    }
}
