using DiscoveryPortal.Connectors.VoTable;
using DiscoveryPortal.Indexer.Export;
using DiscoveryPortal.Indexer.Search;

namespace DiscoveryPortal.SearchApi.Formats;

/// <summary>
/// Search results as a table: the record columns every export has, with the snippet after the title.
/// Each column is named as the hit's JSON field (<see cref="SearchHitResponse"/>) it carries.
/// </summary>
public static class SearchResultTable
{
    public static IReadOnlyList<TableColumn<SearchHit>> Columns { get; } =
    [
        .. RecordColumns.All.Take(2).Select(c => c.Over<SearchHit>(h => h.Record)),
        new(new VoColumn("snippet", "char", "meta.note", Description: "The best passage of the description, plain text"), h => h.Snippet.Text),
        .. RecordColumns.All.Skip(2).Select(c => c.Over<SearchHit>(h => h.Record)),
    ];
}
