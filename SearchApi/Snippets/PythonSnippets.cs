using System.Globalization;
using System.Text.Json;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.SearchApi.ConeSearch;
using DiscoveryPortal.SearchApi.Security;

namespace DiscoveryPortal.SearchApi.Snippets;

/// <summary>A short program shown on a page, as it runs: what it does, and its code.</summary>
public sealed record PythonSnippet(string Title, string Code, bool NeedsPyvo);

/// <summary>
/// "Use from Python": short programs that read what a page shows through the API (the JSON search or record with
/// the standard library; a cone search with pyvo where a record has a place on the sky; the record as a STAC Item). Built on the portal's
/// public URL; every value is written as a JSON string, which Python reads as the same string literal.
/// </summary>
public sealed class PythonSnippets(PortalUrls urls)
{
    /// <summary>Search parameters a snippet carries; paging, sort and the answer's format stay the page's.</summary>
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "q", "domain", "mission", "instrument", "assetType", "productType", "waveband", "source", "fileFormat", "ra", "dec", "radius", "bbox", "start", "end",
    };

    public IReadOnlyList<PythonSnippet> ForSearch(IQueryCollection query)
    {
        var pairs = query.Where(p => Kept.Contains(p.Key))
            .Select(p => (p.Key, Values: p.Value.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList()))
            .Where(p => p.Values.Count > 0).ToList();
        var arguments = string.Join(", ", pairs.Select(p => $"{Literal(p.Key)}: " + (p.Values.Count == 1 ? Literal(p.Values[0]) : "[" + string.Join(", ", p.Values.Select(Literal)) + "]")));
        var snippets = new List<PythonSnippet>
        {
            new("These results with the JSON API (standard library)", $$"""
                import json, urllib.parse, urllib.request

                query = {{{arguments}}}
                url = {{Literal(urls.For("/api/search").ToString())}} + "?" + urllib.parse.urlencode(query, doseq=True)
                with urllib.request.urlopen(url) as answer:
                    result = json.load(answer)
                print(result["total"], "records")
                for hit in result["hits"]:
                    print(hit["id"], "|", hit["title"])
                """, false),
        };
        if (Single(query, "ra") is { } ra && Single(query, "dec") is { } dec && Single(query, "radius") is { } radius)
        {
            snippets.Add(Cone("This cone with pyvo (Simple Cone Search)", ra, dec, radius));
        }
        return snippets;
    }

    public IReadOnlyList<PythonSnippet> ForAsset(AssetRecord r)
    {
        var snippets = new List<PythonSnippet>
        {
            new("This record with the JSON API (standard library)", $$"""
                import json, urllib.request

                url = {{Literal(urls.For("/api/assets/" + Uri.EscapeDataString(r.Id)).ToString())}}
                with urllib.request.urlopen(url) as answer:
                    record = json.load(answer)["record"]
                print(record["title"])
                for link in record.get("access", []):
                    print(link["url"])
                """, false),
        };
        if (r.Sky is { } sky)
        {
            // A cone on the record's own place, no larger than a degree, finds it and its neighbours.
            snippets.Add(Cone("Records around this one on the sky with pyvo (Simple Cone Search)", Number(sky.Ra), Number(sky.Dec), Number(Math.Clamp(sky.Radius, 0.01, 1))));
        }
        // The record's STAC Item: its collection is the record's source.
        snippets.Add(new("This record as a STAC Item (standard library)", $$"""
            import json, urllib.request

            url = {{Literal(urls.For("/stac/collections/" + Uri.EscapeDataString(r.SourceId) + "/items/" + Uri.EscapeDataString(r.Id)).ToString())}}
            with urllib.request.urlopen(url) as answer:
                item = json.load(answer)
            print(item["id"], "|", item["properties"]["title"])
            for asset in item["assets"].values():
                print(asset["href"])
            """, false));
        return snippets;
    }

    private PythonSnippet Cone(string title, string ra, string dec, string radius) => new(title, $$"""
        import pyvo

        service = pyvo.dal.SCSService({{Literal(urls.For(ConeSearchEndpoints.Path).ToString())}})
        results = service.search(pos=({{ra}}, {{dec}}), radius={{radius}})
        print(len(results), "records")
        for row in results:
            print(row["id"], "|", row["title"])
        """, true);

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var v) && v.Count == 1 && double.TryParse(v[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? Number(d) : null;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A Python string literal for any text: a JSON string, with every non-ASCII and markup character escaped.</summary>
    private static string Literal(string text) => JsonSerializer.Serialize(text, LiteralOptions);

    private static readonly JsonSerializerOptions LiteralOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default };
}
