using System.Text.Json.Nodes;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Search;

namespace DiscoveryPortal.SearchApi.Stac;

/// <summary>
/// The STAC collections: one per source of the catalogue, harvested or registered (the <c>source</c> facet), so a
/// collection's items are exactly <c>/api/search?source=</c> of it. Its extent is the union of the extents of the
/// collection records its source gave (the whole Earth and an open time where it gave none); one collection's
/// document also summarises the facet values of its records.
/// </summary>
public static class StacCollections
{
    /// <summary>The dimensions a collection summarises, under STAC's names where STAC has one.</summary>
    private static readonly (string Dimension, string Summary)[] Summarised =
    [
        (FacetDimensions.Mission, "mission"),
        (FacetDimensions.Instrument, "instruments"),
        (FacetDimensions.Domain, StacItem.Prefix + "domain"),
        (FacetDimensions.AssetType, StacItem.Prefix + "assetType"),
        (FacetDimensions.ProductType, StacItem.Prefix + "productTypes"),
        (FacetDimensions.Waveband, StacItem.Prefix + "wavebands"),
        (FacetDimensions.FileFormat, StacItem.Prefix + "formats"),
    ];

    /// <summary>Most collection records read for one collection's extent.</summary>
    private const int ExtentRecords = 100;

    /// <summary>Every source holding records, with how many, by id.</summary>
    public static async Task<IReadOnlyList<FacetValue>> ListAsync(ISearchIndex index, CancellationToken ct)
    {
        var result = await index.SearchAsync(new SearchRequest { Size = 0, FacetDimensions = [FacetDimensions.Source], FacetLimit = int.MaxValue }, ct);
        return result.Facets.Where(f => f.Dimension == FacetDimensions.Source).SelectMany(f => f.Values)
            .Where(v => v.Count > 0).OrderBy(v => v.Value, StringComparer.Ordinal).ToList();
    }

    /// <summary>Most collection records read for the extents of one answer.</summary>
    private const int ExtentRecordsPerAnswer = 1_000;

    /// <summary>The collection records of one source, or of all, by source: what the extents are made of.</summary>
    public static async Task<ILookup<string, AssetRecord>> CollectionRecordsAsync(ISearchIndex index, string? source, CancellationToken ct)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>> { [FacetDimensions.AssetType] = [nameof(AssetType.Collection).ToLowerInvariant()] };
        if (source is not null)
        {
            filters[FacetDimensions.Source] = [source];
        }
        var result = await index.SearchAsync(new SearchRequest { Filters = filters, Size = source is null ? ExtentRecordsPerAnswer : ExtentRecords, FacetDimensions = [] }, ct);
        return result.Hits.Select(h => h.Record).ToLookup(r => r.SourceId, StringComparer.Ordinal);
    }

    /// <summary>One collection's document with its summaries (the facet values of its records), or null when no record has that source.</summary>
    public static async Task<JsonObject?> DocumentAsync(string id, SourceDefinition? definition, ISearchIndex index, StacLinks links, CancellationToken ct)
    {
        var only = new Dictionary<string, IReadOnlyList<string>> { [FacetDimensions.Source] = [id] };
        var counts = await index.SearchAsync(new SearchRequest { Filters = only, Size = 0, FacetDimensions = Summarised.Select(s => s.Dimension).ToList(), FacetLimit = 100 }, ct);
        if (counts.Total == 0)
        {
            return null;
        }
        var document = Document(id, definition, counts.Total, (await CollectionRecordsAsync(index, id, ct))[id], links);
        var summaries = new JsonObject();
        foreach (var (dimension, summary) in Summarised)
        {
            var values = counts.Facets.Where(f => f.Dimension == dimension).SelectMany(f => f.Values).Where(v => v.Count > 0).Select(v => (JsonNode)JsonValue.Create(v.Value)).ToArray();
            if (values.Length > 0)
            {
                summaries[summary] = new JsonArray(values);
            }
        }
        document["summaries"] = summaries;
        return document;
    }

    /// <summary>A collection's document from its count and its source's collection records (no summaries: a list of them costs one search, not one per source).</summary>
    public static JsonObject Document(string id, SourceDefinition? definition, long count, IEnumerable<AssetRecord> collectionRecords, StacLinks links)
    {
        var title = string.IsNullOrWhiteSpace(definition?.Title) ? id : definition.Title;
        var (box, start, end) = Extent(collectionRecords);
        return new JsonObject
        {
            ["type"] = "Collection",
            ["stac_version"] = StacItem.Version,
            ["stac_extensions"] = new JsonArray(),
            ["id"] = id,
            ["title"] = title,
            ["description"] = $"The {count:N0} records of {title} in the Discovery Portal catalogue." + (definition is null ? "" : " " + definition.WhatIsRead()),
            ["license"] = "various",
            ["extent"] = new JsonObject
            {
                ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(box.West, box.South, box.East, box.North)) },
                ["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray(start is null ? null : StacItem.Time(start.Value), end is null ? null : StacItem.Time(end.Value))) },
            },
            [StacItem.Prefix + "count"] = count,
            ["links"] = new JsonArray
            {
                StacLinks.Link("self", links.Collection(id), StacLinks.Json),
                StacLinks.Link("root", links.Root, StacLinks.Json),
                StacLinks.Link("parent", links.Root, StacLinks.Json),
                StacLinks.Link("items", links.Items(id), StacLinks.GeoJson, "The records of this source"),
                StacLinks.Link("http://www.opengis.net/def/rel/ogc/1.0/queryables", links.Collection(id) + "/queryables", "application/schema+json", "The fields a filter can name"),
                StacLinks.Link("alternate", links.Portal("/sources/" + Uri.EscapeDataString(id)), "text/html", "The source on the portal"),
            },
        };
    }

    /// <summary>The union of the records' ground boxes (the whole Earth when none has one, or one crosses the antimeridian) and of their times.</summary>
    public static (BoundingBox Box, DateTimeOffset? Start, DateTimeOffset? End) Extent(IEnumerable<AssetRecord> records)
    {
        var list = records.ToList();
        var boxes = list.Where(r => r.Ground is not null).Select(r => r.Ground!.Box).ToList();
        var box = boxes.Count == 0 || boxes.Any(b => b.CrossesAntimeridian)
            ? new BoundingBox(-180, -90, 180, 90)
            : new BoundingBox(boxes.Min(b => b.West), boxes.Min(b => b.South), boxes.Max(b => b.East), boxes.Max(b => b.North));
        var starts = list.Select(r => r.Time?.Start).OfType<DateTimeOffset>().ToList();
        var ends = list.Select(r => r.Time?.End).OfType<DateTimeOffset>().ToList();
        return (box, starts.Count == 0 ? null : starts.Min(), ends.Count == 0 ? null : ends.Max());
    }
}
