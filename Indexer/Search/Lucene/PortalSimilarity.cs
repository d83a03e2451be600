using Lucene.Net.Search.Similarities;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>
/// BM25, with the coordination factor Lucene's BM25 leaves out: when a query is relaxed to "most of
/// the words", a record matching more of them ranks above one matching fewer. Queries that must match
/// every clause disable coordination, so it changes nothing there.
/// </summary>
public sealed class PortalSimilarity : BM25Similarity
{
    public override float Coord(int overlap, int maxOverlap) => maxOverlap == 0 ? 1f : (float)overlap / maxOverlap;
}
