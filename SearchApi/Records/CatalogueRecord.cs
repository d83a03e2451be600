using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.SearchApi.Features;
using DiscoveryPortal.SearchApi.Stac;

namespace DiscoveryPortal.SearchApi.Records;

/// <summary>
/// A catalogue record as an OGC API – Records core record (GeoJSON): its type is the asset type (dataset,
/// observation, collection, datalab, tool, software, service, document), its time the record's time range,
/// its geometry the ground footprint (a sky record has none and its position in <c>discovery:sky</c>), with
/// keywords, themes (domain, mission, instruments, wavebands), formats, contacts, DOI and the links to the data.
/// </summary>
public static class CatalogueRecord
{
    public const string RecordCore = "http://www.opengis.net/spec/ogcapi-records-1/1.0/req/record-core";

    public static JsonObject From(AssetRecord r, RecordsLinks links)
    {
        var properties = new JsonObject
        {
            ["type"] = r.AssetType.ToString().ToLowerInvariant(),
            ["title"] = r.Title,
        };
        if (r.Description.Length > 0)
        {
            properties["description"] = r.Description;
        }
        if (r.Keywords.Count > 0)
        {
            properties["keywords"] = FeaturePage.Strings(r.Keywords);
        }
        var themes = new JsonArray { Theme("domain", [r.Domain]) };
        if (r.Mission is not null)
        {
            themes.Add(Theme("mission", [r.Mission]));
        }
        if (r.Instruments.Count > 0)
        {
            themes.Add(Theme("instrument", r.Instruments));
        }
        if (r.Wavebands.Count > 0)
        {
            themes.Add(Theme("waveband", r.Wavebands));
        }
        if (r.ProductTypes.Count > 0)
        {
            themes.Add(Theme("productType", r.ProductTypes));
        }
        properties["themes"] = themes;
        if (r.Formats.Count > 0)
        {
            properties["formats"] = new JsonArray(r.Formats.Select(f => (JsonNode)new JsonObject { ["mediaType"] = f }).ToArray());
        }
        if (r.Authors.Count > 0)
        {
            properties["contacts"] = new JsonArray(r.Authors.Select(Contact).ToArray());
        }
        if (r.Doi is not null)
        {
            properties["externalIds"] = new JsonArray(new JsonObject { ["scheme"] = "https://doi.org", ["value"] = r.Doi });
        }
        if (r.License is not null)
        {
            properties["license"] = StacItem.License(r.License);
            properties["rights"] = r.License;
        }
        if (r.Published is { } published)
        {
            properties["updated"] = StacItem.Time(published);
        }
        properties["source"] = r.SourceId;
        if (r.Sky is { } sky)
        {
            properties[StacItem.Prefix + "sky"] = new JsonObject { ["ra"] = sky.Ra, ["dec"] = sky.Dec, ["radius"] = sky.Radius };
        }

        var recordLinks = new JsonArray
        {
            FeaturePage.Link("self", links.Record(r.Id), FeaturePage.GeoJson),
            FeaturePage.Link("collection", links.Catalogue, FeaturePage.Json, "The catalogue"),
            FeaturePage.Link("alternate", links.Urls.For("/assets/" + Uri.EscapeDataString(r.Id)).ToString(), "text/html", "The record on the portal"),
            FeaturePage.Link("describedby", links.Urls.For("/api/assets/" + Uri.EscapeDataString(r.Id)).ToString(), FeaturePage.Json, "The full record"),
        };
        if (r.LandingPage is not null)
        {
            recordLinks.Add(FeaturePage.Link("via", r.LandingPage, null, "The record at its source"));
        }
        foreach (var access in r.Access)
        {
            var link = FeaturePage.Link("enclosure", access.Url, access.Format, access.Title);
            if (access.SizeBytes is { } size)
            {
                link["length"] = size;
            }
            recordLinks.Add(link);
        }
        return new JsonObject
        {
            ["id"] = r.Id,
            ["type"] = "Feature",
            ["conformsTo"] = new JsonArray(RecordCore),
            ["time"] = Time(r.Time),
            ["geometry"] = StacItem.Geometry(r.Ground),
            ["properties"] = properties,
            ["links"] = recordLinks,
        };
    }

    private static JsonObject? Time(TimeRange? time) => time is null
        ? null
        : new JsonObject { ["interval"] = new JsonArray(time.Start is { } s ? StacItem.Time(s) : "..", time.End is { } e ? StacItem.Time(e) : "..") };

    private static JsonObject Theme(string scheme, IEnumerable<string> concepts) => new()
    {
        ["concepts"] = new JsonArray(concepts.Select(c => (JsonNode)new JsonObject { ["id"] = c }).ToArray()),
        ["scheme"] = scheme,
    };

    private static JsonNode Contact(Person p)
    {
        var contact = new JsonObject { ["name"] = p.Name, ["roles"] = new JsonArray("author") };
        if (p.Affiliation is not null)
        {
            contact["organization"] = p.Affiliation;
        }
        if (p.Orcid is not null)
        {
            contact["identifier"] = p.Orcid;
        }
        return contact;
    }
}
