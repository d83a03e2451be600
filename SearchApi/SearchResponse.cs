using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Search;

namespace DiscoveryPortal.SearchApi;

/// <summary>
/// One search hit as the API returns it: the record's own field names (<c>instruments</c>, <c>sourceId</c>,
/// <c>time</c>, <c>sky</c>, <c>ground</c>, as in <c>GET /api/assets/{id}</c>), the snippet as plain text with
/// the matched words' places in <c>highlights</c>, and the footprints, so results plot without a call per hit;
/// <c>quicklook</c> is the portal's path to the record's picture, present only when its source gives one.
/// The CSV and VOTable columns are these fields' paths (<see cref="Indexer.Export.RecordColumns"/>).
/// </summary>
public sealed record SearchHitResponse(
    string Id,
    string Title,
    string Snippet,
    IReadOnlyList<TextSpan> Highlights,
    AssetType AssetType,
    string Domain,
    string? Mission,
    string? MissionFamily,
    IReadOnlyList<string> Instruments,
    IReadOnlyList<string> ProductTypes,
    IReadOnlyList<string> Formats,
    IReadOnlyList<string> Wavebands,
    string SourceId,
    string? Url,
    string? Doi,
    DateTimeOffset? Published,
    TimeRange? Time,
    SkyFootprint? Sky,
    GroundFootprint? Ground,
    string? Quicklook = null)
{
    public static SearchHitResponse From(SearchHit hit)
    {
        var r = hit.Record;
        return new(r.Id, r.Title, hit.Snippet.Text, hit.Snippet.Highlights, r.AssetType, r.Domain, r.Mission, r.MissionFamily, r.Instruments, r.ProductTypes,
            r.Formats, r.Wavebands, r.SourceId, r.PrimaryUrl, r.Doi, r.Published, r.Time, r.Sky, r.Ground,
            r.Quicklook is null ? null : Quicklooks.QuicklookEndpoints.PathOf(r.Id));
    }
}

/// <summary>A facet value with its count; <c>parent</c> names the mission family of a mission.</summary>
public sealed record FacetValueResponse(string Value, int Count, bool Selected, string? Parent);

/// <summary>One part of the query as it was understood, and the query without it (to search again without that part).</summary>
public sealed record QueryPartResponse(string Text, string Kind, string Meaning, string Without);

/// <summary>
/// How the query was understood: its parts (missions, instruments, product types, wavebands, times,
/// objects on the sky, DOIs, corrected and ignored words), whether it was relaxed because nothing
/// matched every word, and the corrected query when a word was misspelt.
/// </summary>
public sealed record UnderstoodResponse(IReadOnlyList<QueryPartResponse> Parts, bool Relaxed, string? DidYouMean);

/// <summary>
/// The search answer: the exact total, one page of hits, facet counts per dimension (each ignoring its
/// own selection), the cursor of the next page or null on the last one, and how the query was understood.
/// </summary>
public sealed record SearchResponse(long Total, IReadOnlyList<SearchHitResponse> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetValueResponse>> Facets, string? Next, UnderstoodResponse Understood)
{
    public static SearchResponse From(SearchResult result, string? query) => new(
        result.Total,
        result.Hits.Select(SearchHitResponse.From).ToList(),
        result.Facets.ToDictionary(f => f.Dimension, f => (IReadOnlyList<FacetValueResponse>)f.Values.Select(v => new FacetValueResponse(v.Value, v.Count, v.Selected, v.Parent)).ToList()),
        result.Next?.Encode(),
        new UnderstoodResponse(
            result.Interpretation.Parts.Select(p => new QueryPartResponse(p.Text, p.Kind, p.Meaning, Indexer.Search.Understanding.QueryText.Without(query ?? "", p))).ToList(),
            result.Interpretation.Relaxed,
            result.Interpretation.DidYouMean));
}

/// <summary>A full record with where it came from and when the catalogue last changed it.</summary>
public sealed record AssetResponse(AssetRecord Record, DateTimeOffset UpdatedAt, DateTimeOffset? WithdrawnAt, string? NativeType, bool HasNative, FieldProvenance Provenance);

/// <summary>
/// Where an asset's fields came from: those an archive team registered (<see cref="CuratedFields"/>, by
/// <see cref="CuratedBy"/> as <see cref="RegisteredId"/>) and the rest from <see cref="Source"/>, by harvest
/// where the registration lies over a harvested record.
/// </summary>
public sealed record FieldProvenance(string Source, bool Harvested, string? RegisteredId, string? CuratedBy, DateTimeOffset? CuratedAt, IReadOnlyList<string> CuratedFields)
{
    public static FieldProvenance Of(AssetRecord record, Indexer.Curation.CuratedRecord? curated) =>
        curated is null ? new(record.SourceId, false, null, null, null, [])
        : new(record.SourceId, curated.OverHarvest, curated.RegisteredId, curated.Curator, curated.UpdatedAt, curated.Fields.Select(f => f.Key).ToList());

    /// <summary>Where one field (by its JSON name) came from, in words.</summary>
    public string Of(string field) =>
        CuratedFields.Contains(field) ? $"registered by {CuratedBy} ({RegisteredId}), {CuratedAt:yyyy-MM-dd}"
        : Harvested ? $"harvested from {Source}"
        : $"from {Source}";
}
