using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Search.Query;

namespace DiscoveryPortal.Indexer.Tests.Search;

/// <summary>What every index backend must do. Each backend runs this suite through a subclass.</summary>
public abstract class SearchIndexContractTests : IDisposable
{
    protected abstract TestCatalog CreateCatalog();

    private TestCatalog? _catalog;

    protected TestCatalog Catalog => _catalog ??= CreateCatalog();

    public void Dispose()
    {
        _catalog?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static SearchRequest Words(string q, int size = 20) => new() { Query = QueryParser.Parse(q), Size = size };

    private async Task<List<string>> Ids(SearchRequest request) =>
        (await Catalog.SearchAsync(request)).Hits.Select(h => h.Record.Id).ToList();

    private static AssetRecord R(string id, string title, Func<AssetRecord, AssetRecord>? change = null) => TestCatalog.Record(id, title, change);

    [Fact]
    public async Task Finds_by_words_phrases_prefixes_or_and_not()
    {
        await Catalog.AddAsync(
            R("1", "Crab Nebula in X-rays"),
            R("2", "Crab pulsar timing"),
            R("3", "Orion Nebula spectra"),
            R("4", "Nebula survey"));

        // Every word first; with few such records, those with most of the words follow.
        Assert.Equal("test:1", (await Ids(Words("crab nebula")))[0]);
        Assert.Equal(["test:1"], await Ids(Words("\"crab nebula\"")));
        Assert.Empty(await Ids(Words("\"nebula crab\"")));
        Assert.Equal(["test:1", "test:2"], (await Ids(Words("cra*"))).Order());
        Assert.Equal(["test:2", "test:3"], (await Ids(Words("pulsar OR orion"))).Order());
        Assert.Equal(["test:3", "test:4"], (await Ids(Words("nebula -crab"))).Order());
        Assert.Equal(["test:3", "test:4"], (await Ids(Words("-crab"))).Order());
        Assert.Equal(["test:3"], await Ids(Words("title:spectra")));
    }

    [Fact]
    public async Task A_page_shows_records_as_the_catalogue_holds_them_and_leaves_out_those_gone_since()
    {
        await Catalog.AddAsync(R("1", "Crab Nebula in X-rays"), R("2", "Crab pulsar timing"), R("3", "Crab Nebula polarimetry"));
        // Written to the catalogue behind the index's back (as another process does between two catch-ups).
        using (var write = Catalog.Catalog.BeginWrite())
        {
            await Catalog.Catalog.UpsertAsync(write, [new DiscoveryPortal.Indexer.Catalog.CatalogEntry(R("1", "Crab Nebula in X-rays, revised"))], CancellationToken.None);
            await Catalog.Catalog.WithdrawAsync(write, ["test:2"], CancellationToken.None);
            write.Commit();
        }

        var result = await Catalog.SearchAsync(Words("crab"));

        Assert.Equal(["test:1", "test:3"], result.Hits.Select(h => h.Record.Id).Order());
        Assert.Equal("Crab Nebula in X-rays, revised", result.Hits.Single(h => h.Record.Id == "test:1").Record.Title);
        Assert.Contains(result.Hits, h => h.Snippet.Highlights.Count > 0);
    }

    [Fact]
    public async Task Title_outranks_description()
    {
        await Catalog.AddAsync(
            R("a", "Survey of galaxies", r => r with { Description = "nothing about the subject" }),
            R("b", "Something else", r => r with { Description = "mentions quasar once" }),
            R("c", "Quasar catalogue", r => r with { Description = "unrelated" }));

        Assert.Equal(["test:c", "test:b"], await Ids(Words("quasar")));
    }

    [Fact]
    public async Task Folds_diacritics_and_stems_english()
    {
        await Catalog.AddAsync(R("1", "Ångström-scale résolution of galaxies"));

        Assert.Single(await Ids(Words("angstrom")));
        Assert.Single(await Ids(Words("resolution")));
        Assert.Single(await Ids(Words("galaxy")));
    }

    [Fact]
    public async Task Mission_field_matches_any_alias()
    {
        await Catalog.AddAsync(R("1", "Deep field", r => r with { Mission = "Hubble Space Telescope" }));

        Assert.Single(await Ids(Words("mission:hubble")));
        Assert.Single(await Ids(Words("mission:HST")));
        Assert.Single(await Ids(Words("mission:astronomy")));
        Assert.Empty(await Ids(Words("mission:jwst")));
    }

    [Fact]
    public async Task Snippets_are_plain_text_with_the_matches_located()
    {
        await Catalog.AddAsync(R("1", "Pulsar", r => r with { Description = "A <b>crab</b> & a pulsar, \uE000crab\uE001 again" }));

        var hit = Assert.Single((await Catalog.SearchAsync(Words("crab"))).Hits);

        // The text is as the description has it (no HTML escaping, the highlighter's own marks taken out), and each match is a span of it.
        Assert.Equal("A <b>crab</b> & a pulsar, crab again", hit.Snippet.Text);
        Assert.Equal([new TextSpan(5, 4), new TextSpan(26, 4)], hit.Snippet.Highlights);
    }

    [Fact]
    public async Task A_long_description_shows_the_passage_holding_most_of_the_words()
    {
        var filler = string.Join(" ", Enumerable.Range(0, 60).Select(i => "calibration" + i));
        var description = $"Opening about the pulsar. {filler} The gamma-ray spectra of the Crab pulsar, here. {filler} Closing.";
        await Catalog.AddAsync(R("1", "Pulsar survey", r => r with { Description = description }));

        var snippet = Assert.Single((await Catalog.SearchAsync(Words("crab pulsar spectrum ray"))).Hits).Snippet;

        Assert.Contains("The gamma-ray spectra of the Crab pulsar", snippet.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Opening", snippet.Text, StringComparison.Ordinal);
        Assert.True(snippet.Text.Length < description.Length / 2, snippet.Text);
        // The stemmed form ("spectra" for "spectrum") and a word part ("ray" of "gamma-ray") are located too.
        Assert.Equal(["ray", "spectra", "Crab", "pulsar"], snippet.Highlights.Select(h => snippet.Text.Substring(h.Start, h.Length)));
    }

    [Fact]
    public async Task Cone_search_handles_ra_wrap_around_and_the_poles()
    {
        await Catalog.AddAsync(
            R("wrap", "Near RA 360", r => r with { Sky = new SkyFootprint(359.9, 0, 0) }),
            R("north", "Near the north pole", r => r with { Sky = new SkyFootprint(10, 89.95, 0) }),
            R("south", "At the south pole", r => r with { Sky = new SkyFootprint(0, -90, 0) }),
            R("wide", "Wide field", r => r with { Sky = new SkyFootprint(180, 0, 5) }),
            R("nosky", "No footprint"));

        async Task<List<string>> Cone(double ra, double dec, double radius) =>
            (await Ids(new SearchRequest { Cone = new Cone(ra, dec, radius) })).Order().ToList();

        Assert.Equal(["test:wrap"], await Cone(0.1, 0, 0.25));
        Assert.Empty(await Cone(0.1, 0, 0.15));
        Assert.Equal(["test:north"], await Cone(190, 89.95, 0.2));
        Assert.Equal(["test:south"], await Cone(123, -89.9, 0.11));
        Assert.Equal(["test:wide"], await Cone(184, 0, 0.5));
        Assert.Equal(5 - 1, (await Cone(0, 0, 180)).Count);
    }

    [Fact]
    public async Task Ground_box_and_time_overlap()
    {
        var y2021 = new TimeRange(new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 6, 2, 0, 0, 0, TimeSpan.Zero));
        await Catalog.AddAsync(
            R("alps", "Alps", r => r with { Ground = new GroundFootprint(new BoundingBox(6.5, 45, 8, 46.5)), Time = y2021 }),
            R("fiji", "Fiji", r => r with { Ground = new GroundFootprint(new BoundingBox(177, -19, -179, -16)), Time = new TimeRange(new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), null) }),
            R("none", "No footprint"));

        Assert.Equal(["test:alps"], await Ids(new SearchRequest { Box = new BoundingBox(5, 44, 10, 48) }));
        Assert.Equal(["test:fiji"], await Ids(new SearchRequest { Box = new BoundingBox(-180, -20, -178, -15) }));
        Assert.Equal(["test:fiji"], await Ids(new SearchRequest { Box = new BoundingBox(170, -20, -170, -15) }));
        Assert.Equal(["test:alps", "test:fiji"], (await Ids(new SearchRequest { Start = new DateTimeOffset(2021, 6, 1, 12, 0, 0, TimeSpan.Zero), End = new DateTimeOffset(2021, 12, 31, 0, 0, 0, TimeSpan.Zero) })).Order());
        Assert.Equal(["test:fiji"], await Ids(new SearchRequest { Start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Empty(await Ids(new SearchRequest { End = new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
    }

    [Fact]
    public async Task Ids_select_only_those_records_with_the_other_filters_and_words()
    {
        await Catalog.AddAsync(
            R("a", "Crab nebula image"),
            R("b", "Crab nebula spectrum", r => r with { Ground = new GroundFootprint(new BoundingBox(6, 45, 8, 46)) }),
            R("c", "Orion nebula image"));

        Assert.Equal(["test:a", "test:c"], (await Ids(new SearchRequest { Ids = ["test:a", "test:c", "test:none"] })).Order());
        Assert.Equal(["test:a"], await Ids(new SearchRequest { Ids = ["test:a", "test:c"], Query = QueryParser.Parse("crab") }));
        Assert.Equal(["test:b"], await Ids(new SearchRequest { Ids = ["test:a", "test:b"], Box = new BoundingBox(5, 44, 10, 48) }));
        Assert.Empty(await Ids(new SearchRequest { Ids = [] }));
        Assert.Equal(3, (await Catalog.SearchAsync(new SearchRequest { Ids = null })).Total);
        Assert.NotEqual(new SearchRequest { Ids = ["test:a"] }.Fingerprint(), new SearchRequest { Ids = ["test:c"] }.Fingerprint());
    }

    [Fact]
    public async Task Facet_counts_drill_sideways_and_roll_up()
    {
        await Catalog.AddAsync(
            R("h1", "Image one", r => r with { Mission = "HST", Instruments = ["WFC3"], AssetType = AssetType.Observation }),
            R("h2", "Image two", r => r with { Mission = "HST", Instruments = ["ACS"], AssetType = AssetType.Observation }),
            R("j1", "Image three", r => r with { Mission = "JWST", Instruments = ["NIRCam"], AssetType = AssetType.Observation }),
            R("s1", "Scene", r => r with { Mission = "Sentinel-2A", Domain = Domains.EarthObservation, Instruments = ["MSI"], AssetType = AssetType.Observation }),
            R("t1", "Tool", r => r with { AssetType = AssetType.Tool }));

        var result = await Catalog.SearchAsync(new SearchRequest
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetDimensions.Mission] = ["HST"] },
        });
        int Count(string dimension, string value) => result.Facets.Single(f => f.Dimension == dimension).Values.SingleOrDefault(v => v.Value == value)?.Count ?? 0;

        Assert.Equal(2, result.Total);
        Assert.Equal(1, Count(FacetDimensions.Mission, "JWST"));
        Assert.Equal(2, Count(FacetDimensions.Mission, "HST"));
        Assert.Equal(1, Count(FacetDimensions.Mission, "Sentinel-2"));
        Assert.Equal(3, Count(FacetDimensions.MissionFamily, "Astronomy"));
        Assert.Equal(1, Count(FacetDimensions.Instrument, "ACS"));
        Assert.Equal(0, Count(FacetDimensions.Instrument, "NIRCam"));
        Assert.Equal(2, Count(FacetDimensions.AssetType, "observation"));
        Assert.True(result.Facets.Single(f => f.Dimension == FacetDimensions.Mission).Values.Single(v => v.Value == "HST").Selected);

        var family = await Catalog.SearchAsync(new SearchRequest
        {
            Filters = new Dictionary<string, IReadOnlyList<string>>
            {
                [FacetDimensions.Mission] = ["Astronomy"],
                [FacetDimensions.Instrument] = ["WFC3", "NIRCam"],
            },
        });
        Assert.Equal(["test:h1", "test:j1"], family.Hits.Select(h => h.Record.Id).Order());
    }

    [Fact]
    public async Task A_selected_value_nobody_has_still_shows_so_it_can_be_removed()
    {
        await Catalog.AddAsync(R("1", "One"));

        var result = await Catalog.SearchAsync(new SearchRequest
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetDimensions.Instrument] = ["Nonexistent"] },
        });

        Assert.Equal(0, result.Total);
        var value = Assert.Single(result.Facets.Single(f => f.Dimension == FacetDimensions.Instrument).Values);
        Assert.Equal(new FacetValue("Nonexistent", 0, true), value);
    }

    [Theory]
    [InlineData(SearchSort.Relevance, "survey")]
    [InlineData(SearchSort.Relevance, "")]
    [InlineData(SearchSort.Newest, "")]
    [InlineData(SearchSort.Title, "survey")]
    public async Task Cursor_paging_visits_every_hit_once_in_order(SearchSort sort, string q)
    {
        var random = new Random(3);
        await Catalog.AddAsync(Enumerable.Range(0, 57).Select(i => R($"{i:D2}",
            $"{(char)('A' + random.Next(5))} survey {string.Join(' ', Enumerable.Repeat("survey", random.Next(3)))}",
            r => r with { Published = new DateTimeOffset(2020, 1, 1 + random.Next(3), 0, 0, 0, TimeSpan.Zero) })).ToArray());

        var all = await Ids(new SearchRequest { Query = QueryParser.Parse(q), Sort = sort, Size = 100 });
        var paged = new List<string>();
        SearchCursor? cursor = null;
        var pages = 0;
        const int expectedTotal = 57;
        do
        {
            var page = await Catalog.SearchAsync(new SearchRequest { Query = QueryParser.Parse(q), Sort = sort, Size = 10, After = cursor });
            Assert.Equal(expectedTotal, page.Total);
            paged.AddRange(page.Hits.Select(h => h.Record.Id));
            cursor = page.Next;
            pages++;
            if (pages == 2)
            {
                // A cursor reads the view of the index its first page read: a record arriving mid-way
                // (matching, and sorting anywhere) neither shifts nor joins the pages still to come.
                await Catalog.AddAsync(R("new", "AAA late survey survey survey", r => r with { Published = new DateTimeOffset(2020, 1, 2, 12, 0, 0, TimeSpan.Zero) }));
            }
        }
        while (cursor is not null && pages < 20);

        Assert.Equal(57, all.Count);
        Assert.Equal(paged.Count, paged.Distinct().Count());
        Assert.Equal(all, paged);
        Assert.Equal(58, (await Catalog.SearchAsync(new SearchRequest { Query = QueryParser.Parse(q), Sort = sort })).Total);
    }

    [Fact]
    public async Task The_same_record_twice_changes_nothing()
    {
        var record = R("1", "Once");
        var first = await Catalog.AddAsync(record);
        var before = await Catalog.Catalog.GetAsync("test:1", CancellationToken.None);
        var second = await Catalog.AddAsync(record with { HarvestedAt = TestCatalog.Now.AddDays(1) });
        var after = await Catalog.Catalog.GetAsync("test:1", CancellationToken.None);

        Assert.Equal(1, first.Added);
        Assert.Equal((0, 0, 1), (second.Added, second.Updated, second.Unchanged));
        Assert.Equal(RecordJson.Serialize(before!.Record), RecordJson.Serialize(after!.Record));
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);

        var third = await Catalog.AddAsync(record with { Title = "Twice", Description = "changed" });
        Assert.Equal(1, third.Updated);
        Assert.Empty(await Ids(Words("once")));
        Assert.Single(await Ids(Words("twice")));
    }

    [Fact]
    public async Task A_search_asked_again_after_a_write_sees_the_write()
    {
        await Catalog.AddAsync(R("1", "Pulsar timing"));
        var everything = new SearchRequest { FacetDimensions = [FacetDimensions.Mission] };
        Assert.Equal(["test:1"], await Ids(Words("pulsar")));
        Assert.Equal(1, (await Catalog.SearchAsync(everything)).Total);

        // The same searches, asked again after each write, answer from the index as it is now.
        await Catalog.AddAsync(R("2", "Pulsar glitches", r => r with { Mission = "XMM-Newton" }));
        Assert.Equal(["test:1", "test:2"], (await Ids(Words("pulsar"))).Order());
        var after = await Catalog.SearchAsync(everything);
        Assert.Equal(2, after.Total);
        Assert.Contains(after.Facets.Single().Values, v => v.Value == "XMM-Newton" && v.Count == 1);

        await Catalog.AddAsync(R("1", "Magnetar timing"));
        Assert.Equal(["test:2"], await Ids(Words("pulsar")));

        await Catalog.Pipeline.WithdrawAsync(["test:2"], CancellationToken.None);
        Assert.Empty(await Ids(Words("pulsar")));
        Assert.Equal(1, (await Catalog.SearchAsync(everything)).Total);
    }

    [Fact]
    public async Task Pages_asked_again_stay_the_pages_they_were()
    {
        await Catalog.AddAsync([.. Enumerable.Range(0, 7).Select(i => R($"{i}", $"Survey field {i}"))]);
        var first = await Catalog.SearchAsync(Words("survey", size: 3));
        var second = await Catalog.SearchAsync(Words("survey", size: 3) with { After = first.Next });
        var secondAgain = await Catalog.SearchAsync(Words("survey", size: 3) with { After = first.Next });
        var firstAgain = await Catalog.SearchAsync(Words("survey", size: 3));

        Assert.Equal(first.Hits.Select(h => h.Record.Id), firstAgain.Hits.Select(h => h.Record.Id));
        Assert.Equal(second.Hits.Select(h => h.Record.Id), secondAgain.Hits.Select(h => h.Record.Id));
        Assert.Empty(first.Hits.Select(h => h.Record.Id).Intersect(second.Hits.Select(h => h.Record.Id)));
        Assert.Equal(3, second.Hits.Count);
    }

    [Fact]
    public async Task Withdrawn_records_leave_search_but_stay_in_the_catalogue()
    {
        await Catalog.AddAsync(R("1", "Keep"), R("2", "Withdraw me"));

        var withdrawn = await Catalog.Pipeline.WithdrawAsync(["test:2", "test:unknown"], CancellationToken.None);

        Assert.Equal(["test:2"], withdrawn);
        Assert.Empty(await Ids(Words("withdraw")));
        Assert.Equal(1, (await Catalog.SearchAsync(new SearchRequest())).Total);
        var stored = await Catalog.Catalog.GetAsync("test:2", CancellationToken.None);
        Assert.Equal(TestCatalog.Now, stored!.WithdrawnAt);

        await Catalog.AddAsync(R("2", "Withdraw me"));
        Assert.Single(await Ids(Words("withdraw")));
    }

    [Fact]
    public async Task Deleted_records_are_gone_from_search_and_catalogue()
    {
        await Catalog.AddAsync(R("1", "Keep"), R("2", "Delete me"));

        var deleted = await Catalog.Pipeline.DeleteAsync(["test:2"], CancellationToken.None);

        Assert.Equal(["test:2"], deleted);
        Assert.Empty(await Ids(Words("delete")));
        Assert.Null(await Catalog.Catalog.GetAsync("test:2", CancellationToken.None));
        Assert.Equal(1, (await Catalog.SearchAsync(new SearchRequest())).Total);
    }

    [Fact]
    public async Task Hostile_queries_never_throw()
    {
        await Catalog.AddAsync(R("1", "Something"));
        string[] hostile =
        [
            "\"", "\"\"", "*", "-", "NOT", "OR", "AND", "NEAR(a b, 2)", "a:b:c", "title:", "title:\"\"", "{t_title}: x", "^x", "x +y",
            "'; DROP TABLE assets; --", "\u0000", "a\u0000b", new string('x', 5000), "((((((", "col : x", "rowid:1", "* OR *",
            "\ud800", "spectr**", "-\"x\"", "doi:10.5281/zenodo.1234", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "😀", "中文 检索",
        ];
        foreach (var q in hostile)
        {
            var result = await Catalog.SearchAsync(Words(q));
            Assert.True(result.Total >= 0, q);
        }
        Assert.Equal(1, (await Catalog.SearchAsync(new SearchRequest())).Total);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_index_follows_the_catalogue_across_a_restart_and_is_rebuilt_when_deleted(bool deleteIndex)
    {
        var path = Path.Combine(Path.GetTempPath(), "portal-test-" + Guid.NewGuid().ToString("N"), "catalog.db");
        string indexPath;
        using (var first = new TestCatalog(path))
        {
            await first.AddAsync(R("1", "Persistent", r => r with { Mission = "Gaia", Sky = new SkyFootprint(1, 2, 0.5) }));
            indexPath = first.Get<DiscoveryPortal.Indexer.Search.Lucene.LuceneSearchIndex>().Path;
        }
        if (deleteIndex)
        {
            Directory.Delete(indexPath, recursive: true);
        }

        SearchResult result;
        using (var reopened = new TestCatalog(path))
        {
            result = await reopened.SearchAsync(new SearchRequest { Query = QueryParser.Parse("persistent"), Cone = new Cone(1, 2, 0.1) });
        }

        Assert.Equal(1, result.Total);
        Assert.Equal(1, result.Facets.Single(f => f.Dimension == FacetDimensions.Mission).Values.Single(v => v.Value == "Gaia").Count);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
