using System.Runtime.CompilerServices;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.Tap;
using DiscoveryPortal.Connectors.VoTable;
using DiscoveryPortal.Indexer.Ingestion;
using DiscoveryPortal.Indexer.Search;

namespace DiscoveryPortal.Indexer.Tests.Ingestion;

/// <summary>
/// ObsCore rows real archives write, harvested through the runner into search: a start after its end is
/// stored with the field flagged and reported on the run (not counted failed); an all-sky map is found by a
/// cone anywhere; a row with no end is found by a search long after its start.
/// </summary>
public sealed class ObsCoreOddRowsHarvestTests
{
    private static readonly string[] Columns = ["obs_publisher_did", "obs_collection", "target_name", "t_min", "t_max", "s_ra", "s_dec", "s_fov"];

    private sealed class OddRowsConnector(MissionVocabulary missions) : IHarvestConnector
    {
        public bool SupportsIncremental => false;

        public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
        {
            await Task.Yield();
            var fields = Columns.Select((c, i) => new VoField(c, i < 3 ? VoDatatype.Char : VoDatatype.Double, i < 3 ? "*" : null, null, null, null, null, null, null)).ToList();
            var meta = new VoTableMeta("obscore", fields, new Dictionary<string, object?>());
            object?[][] rows =
            [
                ["ivo://odd/reversed", "HST", "M31", 59010.0, 59000.0, 10.68, 41.27, 0.05],
                ["ivo://odd/allsky", "Planck", "all sky", 55000.0, 55500.0, null, null, 360.0],
                ["ivo://odd/open", "JWST", "M51", 59800.0, null, 202.47, 47.2, 0.05],
            ];
            var mapper = new ObsCoreMapper("odd", "Odd archive", missions, TimeProvider.System);
            var mapped = VoRow.Of(meta, rows).Select((r, i) => mapper.Map(r, $"row {i + 1}")).ToList();
            yield return new HarvestPage(mapped.Select(m => m.Record).OfType<AssetRecord>().ToList(), mapped.Select(m => m.Failure).OfType<HarvestFailure>().ToList(), "k1", null);
        }

        public IAsyncEnumerable<string>? CurrentIdsAsync(CancellationToken ct) => null;

        public Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AssetRecord>>([]);
    }

    [Fact]
    public async Task Odd_rows_land_flagged_where_they_contradict_themselves_and_are_found_by_cone_and_time()
    {
        using var catalog = new TestCatalog();
        var run = await catalog.Get<SourceHarvester>().HarvestAsync("odd", () => new OddRowsConnector(catalog.Get<MissionVocabulary>()), null, CancellationToken.None);

        Assert.Equal(("completed", 3, 3, 0), (run.Status, run.RowsRead, run.Added, run.Failed));
        var flagged = Assert.Single(run.Errors);
        Assert.Equal("row 1", flagged.Where);
        Assert.Contains("t_min", flagged.Reason, StringComparison.Ordinal);
        Assert.Contains("ivo://odd/reversed", flagged.Sample, StringComparison.Ordinal);

        async Task<List<string>> Ids(SearchRequest request) => (await catalog.SearchAsync(request)).Hits.Select(h => h.Record.Id).Order().ToList();
        foreach (var (ra, dec) in new[] { (83.63, 22.01), (266.4, -29.0), (0.0, 0.0), (180.0, 89.0) })
        {
            Assert.Contains("odd:ivo://odd/allsky", await Ids(new SearchRequest { Cone = new Cone(ra, dec, 0.1) }));
        }
        Assert.Equal(["odd:ivo://odd/allsky", "odd:ivo://odd/reversed"], await Ids(new SearchRequest { Cone = new Cone(10.68, 41.27, 0.1) }));
        var later = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(["odd:ivo://odd/open"], await Ids(new SearchRequest { Start = later, End = later.AddDays(1) }));
        var reversed = (await catalog.Catalog.GetAsync("odd:ivo://odd/reversed", CancellationToken.None))!.Record;
        Assert.True(reversed.Time!.Start < reversed.Time.End);
        Assert.Contains("time flagged", reversed.Details["flagged"], StringComparison.Ordinal);
    }
}
