using System.Diagnostics;
using System.Globalization;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Indexer.Analysis;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Names;
using DiscoveryPortal.Indexer.Search.Understanding;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>
/// The search index on Lucene.Net, in its own folder beside the catalogue. Full text is ranked by BM25
/// over every match with field weights; facets, sky, ground and time filters and the "newest" and
/// "title" orders read the resident fields, keyed by document number and rebuilt from the index's doc
/// values on start. Writes are seen by the next search (near-real-time readers); each commit records
/// the last catalogue change it holds, so a crash loses nothing the catalogue cannot give again.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex, IDisposable
{
    /// <summary>Bumped whenever the document layout or analysis changes in code; the vocabulary files have their own fingerprint.</summary>
    public const int LayoutVersion = 9;

    private const string SchemaKey = "schema";
    private const string CatalogKey = "catalog";
    private const string SequenceKey = "sequence";
    // Searches see writes without a commit (near-real-time readers) and a crash loses nothing the catalogue cannot
    // give again, so commits are spaced out: each one writes every thread's buffered documents as small segments,
    // which merges then rewrite.
    private static readonly TimeSpan CommitEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ViewsKept = TimeSpan.FromMinutes(10);

    /// <summary>At most this many past views are kept for cursors (each holds its segments open).</summary>
    private const int MaxViews = 16;

    private readonly string _path;
    private readonly ICatalogStore _catalog;
    private readonly MissionVocabulary _missions;
    private readonly PortalAnalyzer _analyzer;
    private readonly SynonymExpander _synonyms;
    private readonly NameResolver _names;
    private readonly QueryVocabulary _vocabulary;
    private readonly string _schema;
    private readonly ILogger<LuceneSearchIndex> _logger;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    private readonly System.Threading.Lock _writeLock = new();
    private readonly SearcherLifetimeManager _views = new();
    private readonly PortalSimilarity _similarity = new();
    private readonly MemoryCache? _answers;

    private LuceneDirectory _directory = null!;
    private IndexWriter? _writer;
    private ReferenceManager<IndexSearcher> _searchers = null!;
    private ResidentFields _fields = new();
    private IndexPosition _position;
    private long _committed;
    private DateTime _lastCommit = DateTime.UtcNow;
    private (long Version, int[] Rank) _titleRank = (-1, []);
    private bool _disposed;
    private bool _unseenWrites;

    static LuceneSearchIndex() => PortalCodec.Register();

    public LuceneSearchIndex(IndexLocation location, ICatalogStore catalog, MissionVocabulary missions, SearchVocabulary vocabulary, NameResolver names,
        ILogger<LuceneSearchIndex> logger, IOptions<SearchOptions>? options = null)
    {
        _catalog = catalog;
        var cached = options?.Value.CachedAnswers ?? 0;
        _answers = cached > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = cached }) : null;
        _names = names;
        _path = location.Path;
        _missions = missions;
        _analyzer = PortalAnalyzer.Create(vocabulary, IndexDocument.IsExact);
        _synonyms = new SynonymExpander(vocabulary);
        _vocabulary = new QueryVocabulary(missions);
        _schema = $"{LayoutVersion}.{vocabulary.Fingerprint}";
        _logger = logger;
        Open();
    }

    public IndexPosition Position => _position;

    /// <summary>Live documents, as the resident fields count them.</summary>
    public int LiveCount => _fields.LiveCount;

    /// <summary>How many distinct combinations of facet values the documents hold (what facet counting walks).</summary>
    public int FacetProfiles => _fields.Profiles.Count;

    /// <summary>The folder the index lives in.</summary>
    public string Path => _path;

    /// <summary>True when this process holds the index for writing (another process may hold it instead).</summary>
    public bool Writable => _writer is not null;

    private void Open()
    {
        var watch = Stopwatch.StartNew();
        System.IO.Directory.CreateDirectory(_path);
        _directory = FSDirectory.Open(_path);
        try
        {
            if (DirectoryReader.IndexExists(_directory) && ReadCommit() is { } commit && commit.Schema != _schema)
            {
                _logger.LogInformation("The index at {Path} was built with another layout or vocabulary; rebuilding it", _path);
                Wipe();
            }
            OpenWriterOrReader();
        }
        catch (Exception e) when (e is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException
            or FileNotFoundException or System.IO.DirectoryNotFoundException or InvalidOperationException)
        {
            _logger.LogWarning(e, "The index at {Path} cannot be read; rebuilding it from the catalogue", _path);
            _writer?.Dispose();
            _writer = null;
            Wipe();
            OpenWriterOrReader();
        }
        _logger.LogInformation("Index opened at {Path}: {Count} documents at change {Sequence} in {Elapsed} ms",
            _path, _fields.LiveCount, _position.Sequence, watch.ElapsedMilliseconds);
    }

    private (string? Schema, string? Catalog, long Sequence)? ReadCommit()
    {
        var commits = DirectoryReader.ListCommits(_directory);
        var data = commits[^1].UserData;
        return (data.TryGetValue(SchemaKey, out var s) ? s : null, data.TryGetValue(CatalogKey, out var c) ? c : null,
            data.TryGetValue(SequenceKey, out var q) && long.TryParse(q, out var n) ? n : 0);
    }

    private void Wipe()
    {
        _directory.Dispose();
        System.IO.Directory.Delete(_path, recursive: true);
        System.IO.Directory.CreateDirectory(_path);
        _directory = FSDirectory.Open(_path);
    }

    private void OpenWriterOrReader()
    {
        try
        {
            _writer = new IndexWriter(_directory, WriterConfig());
            if (!DirectoryReader.IndexExists(_directory))
            {
                _writer.SetCommitData(CommitData(null, 0));
                _writer.Commit();
            }
            _searchers = new SearcherManager(_writer, true, new Searchers(_similarity));
        }
        catch (LockObtainFailedException)
        {
            // Another process (the portal, or a command line import) holds the writer and follows the
            // catalogue; this one reads what it last committed.
            _writer = null;
            _logger.LogInformation("Another process holds the index at {Path} for writing; reading its last commit", _path);
            if (!DirectoryReader.IndexExists(_directory))
            {
                var empty = new RAMDirectory();
                new IndexWriter(empty, new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer)).Dispose();
                _searchers = new SearcherManager(empty, new Searchers(_similarity));
                _position = default;
                _fields = new ResidentFields();
                return;
            }
            _searchers = new SearcherManager(_directory, new Searchers(_similarity));
        }
        var commit = ReadCommit();
        _position = new IndexPosition(commit?.Catalog, commit?.Sequence ?? 0);
        _committed = _position.Sequence;
        LoadResident();
    }

    private IndexWriterConfig WriterConfig() => new(LuceneVersion.LUCENE_48, _analyzer)
    {
        OpenMode = OpenMode.CREATE_OR_APPEND,
        Similarity = _similarity,
        Codec = new PortalCodec(),
        RAMBufferSizeMB = 64,
        // Fewer, larger segments than Lucene's default of ten a tier: a query word's statistics are looked up in every
        // segment of every field it may be in, which was a third of a selective search.
        MergePolicy = new TieredMergePolicy { SegmentsPerTier = 4 },
    };

    private static Dictionary<string, string> CommitData(string? catalog, long sequence, string? schema = null)
    {
        var data = new Dictionary<string, string> { [SequenceKey] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (catalog is not null)
        {
            data[CatalogKey] = catalog;
        }
        if (schema is not null)
        {
            data[SchemaKey] = schema;
        }
        return data;
    }

    private void LoadResident()
    {
        var fields = new ResidentFields();
        var searcher = _searchers.Acquire();
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                foreach (var row in IndexDocument.ResidentRows(leaf.AtomicReader))
                {
                    fields.Set(row);
                    Learn(row);
                }
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }
        _lock.EnterWriteLock();
        try
        {
            _fields = fields;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public Task<bool> ApplyAsync(IReadOnlyList<CatalogChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return Task.FromResult(true);
        }
        lock (_writeLock)
        {
            if (_disposed || (_writer is null && !TryTakeOverWriter()))
            {
                return Task.FromResult(false);
            }
            var writer = _writer!;
            // Documents are built and added on every core (the writer takes documents from several
            // threads at once; a batch holds each asset once), outside the resident lock.
            var rows = new ResidentRow?[changes.Count];
            Parallel.For(0, changes.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var change = changes[i];
                var id = new Term(IndexDocument.Id, change.Id);
                if (change.Record is null)
                {
                    writer.DeleteDocuments(id);
                    return;
                }
                var doc = IndexDocument.Build(change.Ordinal, change.Record, _missions, _synonyms);
                if (change.New)
                {
                    writer.AddDocument(doc);
                }
                else
                {
                    writer.UpdateDocument(id, doc);
                }
                rows[i] = ResidentRow.From((int)change.Ordinal, change.Record);
            });
            _lock.EnterWriteLock();
            try
            {
                for (var i = 0; i < changes.Count; i++)
                {
                    if (rows[i] is { } row)
                    {
                        _fields.Set(row);
                        Learn(row);
                    }
                    else
                    {
                        _fields.Remove((int)changes[i].Ordinal);
                    }
                }
                _position = _position with { Sequence = changes[^1].Sequence };
            }
            finally
            {
                _lock.ExitWriteLock();
            }
            // The next search opens a reader that sees these writes; a bulk load does not reopen one per batch.
            Volatile.Write(ref _unseenWrites, true);
            if (DateTime.UtcNow - _lastCommit > CommitEvery)
            {
                Commit();
            }
        }
        return Task.FromResult(true);
    }

    // The target names records carry, at their positions, become names a query can use.
    private void Learn(ResidentRow row)
    {
        if (row.Target is { } target && row.Ra is { } ra && row.Dec is { } dec)
        {
            _names.Learn(target, ra, dec, row.Radius ?? 0);
        }
    }

    /// <summary>Makes what was applied durable, with the number of the last change it holds.</summary>
    public void Commit()
    {
        lock (_writeLock)
        {
            if (_writer is null || _committed == _position.Sequence)
            {
                return;
            }
            _writer.SetCommitData(CommitData(_position.CatalogId, _position.Sequence, _schema));
            _writer.Commit();
            _committed = _position.Sequence;
            _lastCommit = DateTime.UtcNow;
        }
    }

    // The process that held the writer has gone: take it over, read what it committed, and follow on from there.
    private bool TryTakeOverWriter()
    {
        try
        {
            _writer = new IndexWriter(_directory, WriterConfig());
        }
        catch (LockObtainFailedException)
        {
            return false;
        }
        var old = _searchers;
        _searchers = new SearcherManager(_writer, true, new Searchers(_similarity));
        old.Dispose();
        if (!DirectoryReader.IndexExists(_directory))
        {
            _writer.SetCommitData(CommitData(null, 0));
            _writer.Commit();
        }
        var commit = ReadCommit();
        _position = new IndexPosition(commit?.Catalog, commit?.Sequence ?? 0);
        _committed = _position.Sequence;
        LoadResident();
        return true;
    }

    public Task ResetAsync(string catalogId, CancellationToken ct)
    {
        lock (_writeLock)
        {
            if (_writer is null && !TryTakeOverWriter())
            {
                return Task.CompletedTask;
            }
            _writer!.DeleteAll();
            _writer.SetCommitData(CommitData(catalogId, 0, _schema));
            _writer.Commit();
            _searchers.MaybeRefreshBlocking();
            _lock.EnterWriteLock();
            try
            {
                _fields = new ResidentFields();
                _position = new IndexPosition(catalogId, 0);
                _committed = 0;
                _answers?.Clear();
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        return Task.CompletedTask;
    }

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var fingerprint = request.Fingerprint();
        var after = request.After is { } c && c.Fingerprint == fingerprint ? c : null;
        var (searcher, view) = Acquire(after);
        string? key = null;
        Page page;
        try
        {
            if (_answers is not null)
            {
                // An answer is kept for the view it was read from: a write opens a new view, and with it new keys.
                key = string.Create(CultureInfo.InvariantCulture, $"{((DirectoryReader)searcher.IndexReader).Version}\n{request.AnswerKey()}");
                if (_answers.TryGetValue(key, out SearchResult? kept) && kept is not null)
                {
                    return kept;
                }
            }
            page = Search(searcher, view, request, after, fingerprint);
        }
        finally
        {
            _views.Release(searcher);
        }
        var answer = await page.WithRecordsAsync(_catalog, ct);
        if (key is not null)
        {
            _answers!.Set(key, answer, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = ViewsKept });
        }
        return answer;
    }

    /// <summary>
    /// A page as the index answers it: the hits' document numbers in order, and how to mark their snippets. Their
    /// records come from the catalogue; one withdrawn or removed since this view was opened is left out of the page.
    /// </summary>
    private sealed record Page(long Total, IReadOnlyList<int> Ordinals, Snippets Snippets, IReadOnlyList<FacetResult> Facets, SearchCursor? Next,
        QueryInterpretation Interpretation)
    {
        public async Task<SearchResult> WithRecordsAsync(ICatalogStore catalog, CancellationToken ct)
        {
            var records = Ordinals.Count == 0 ? null : await catalog.RecordsAsync(Ordinals.Select(o => (long)o).ToList(), ct);
            var hits = new List<SearchHit>(Ordinals.Count);
            foreach (var ordinal in Ordinals)
            {
                if (records!.TryGetValue(ordinal, out var record))
                {
                    hits.Add(new SearchHit(record, Snippets.For(record.Description)));
                }
            }
            return new SearchResult(Total, hits, Facets, Next) { Interpretation = Interpretation };
        }
    }

    // A cursor reads the view its first page read, while that view is kept; otherwise the current one,
    // reopened first when writes came since it was opened (near-real-time: a write is seen by the next search).
    private (IndexSearcher Searcher, long View) Acquire(SearchCursor? after)
    {
        if (after is { View: > 0 } && _views.Acquire(after.View) is { } kept)
        {
            return (kept, after.View);
        }
        if (Volatile.Read(ref _unseenWrites))
        {
            Volatile.Write(ref _unseenWrites, false);
            try
            {
                _searchers.MaybeRefreshBlocking();
            }
            catch (IOException e)
            {
                // Reopening writes the newest documents out (a full disk refuses them): searches go on over the
                // last view, and the next one tries again.
                Volatile.Write(ref _unseenWrites, true);
                _logger.LogWarning(e, "The index at {Path} could not be reopened; searching its last view", _path);
            }
        }
        var current = _searchers.Acquire();
        try
        {
            var view = _views.Record(current);
            _views.Prune(new KeepRecent(ViewsKept.TotalSeconds, MaxViews));
            return (_views.Acquire(view) ?? throw new InvalidOperationException("A view just recorded was pruned."), view);
        }
        finally
        {
            _searchers.Release(current);
        }
    }

    private Page Search(IndexSearcher searcher, long view, SearchRequest request, SearchCursor? after, string fingerprint)
    {
        _lock.EnterReadLock();
        try
        {
            var fields = _fields;
            var builder = new LuceneQueryBuilder(_analyzer, searcher.IndexReader, _vocabulary, _names, fields, (dimension, value) => Held(fields, dimension, value));
            var built = builder.Build(request.Query);
            var interpretation = built.Interpretation;
            var (collector, counts, selections) = Collect(searcher, fields, request, built.Exact, built.Scored, after);
            var query = built.Exact;
            foreach (var relaxed in built.Relaxed)
            {
                if (collector.Total >= FewResults)
                {
                    break;
                }
                // Records with every word stay first; those with most of the words follow them.
                var widened = collector.Total == 0 ? relaxed : ExactFirst(built.Exact, relaxed);
                var (wider, widerCounts, widerSelections) = Collect(searcher, fields, request, widened, built.Scored, after);
                if (wider.Total > collector.Total)
                {
                    (collector, counts, selections, query) = (wider, widerCounts, widerSelections, widened);
                    interpretation = builder.Interpretation(relaxed: true);
                }
            }

            var best = collector.Best();
            SearchCursor? next = null;
            if (request.Size <= 0)
            {
                best.Clear(); // counts only
            }
            else if (best.Count > request.Size)
            {
                best.RemoveAt(best.Count - 1);
                var last = best[^1];
                next = new SearchCursor(last.Key, last.Ordinal, fingerprint, view);
            }
            var snippets = new Snippets(query, searcher, _analyzer);
            return new Page(collector.Total, best.Select(b => b.Ordinal).ToList(), snippets, BuildFacets(fields, request, counts, selections), next, interpretation);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Fewer exact matches than this (a page) and the query is widened to records with most of its words.</summary>
    public const int FewResults = 10;

    private static global::Lucene.Net.Search.Query ExactFirst(global::Lucene.Net.Search.Query exact, global::Lucene.Net.Search.Query relaxed)
    {
        var query = new BooleanQuery(disableCoord: true);
        query.Add(relaxed, Occur.MUST);
        query.Add(new ConstantScoreQuery(exact) { Boost = 1000f }, Occur.SHOULD);
        return query;
    }

    private (MatchCollector, IReadOnlyDictionary<string, int[]>, Dictionary<string, FacetSelection>) Collect(
        IndexSearcher searcher, ResidentFields fields, SearchRequest request, global::Lucene.Net.Search.Query query, bool scored, SearchCursor? after)
    {
        var selections = request.Filters
            .Where(f => f.Value.Count > 0)
            .ToDictionary(f => f.Key, f => new FacetSelection(fields.Column(f.Key), f.Value));
        var wanted = (request.FacetDimensions ?? FacetDimensions.All)
            .Select(d => d == FacetDimensions.MissionFamily ? FacetDimensions.Mission : d).ToHashSet();
        using var counter = new FacetCounter(fields.Columns, fields.Profiles, selections, wanted);
        var relevance = request.Sort == SearchSort.Relevance && scored;
        Func<int, double> key = request.Sort == SearchSort.Title ? TitleKey(searcher, fields) : fields.Newest;
        var collector = new MatchCollector(fields, counter, request, key, relevance, after);
        if (request.Ids is { } ids)
        {
            var only = new BooleanQuery();
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                only.Add(new TermQuery(new Term(IndexDocument.Id, id)), Occur.SHOULD);
            }
            query = new FilteredQuery(query, new QueryWrapperFilter(only));
        }
        if (query is MatchAllDocsQuery && after is null)
        {
            collector.CollectAllResident();
        }
        else
        {
            searcher.Search(query, collector);
        }
        return (collector, counter.Counts(), selections);
    }

    private static string? Held(ResidentFields fields, string dimension, string value)
    {
        var taxonomy = fields.Column(dimension).Taxonomy;
        var ordinal = taxonomy.Find(value);
        return ordinal >= 0 ? taxonomy.Label(ordinal) : null;
    }

    /// <summary>Sorting by title: each document's place in title order, for the view being read, computed once per view.</summary>
    private Func<int, double> TitleKey(IndexSearcher searcher, ResidentFields fields)
    {
        var version = ((DirectoryReader)searcher.IndexReader).Version;
        var (cached, rank) = _titleRank;
        if (cached != version)
        {
            var titles = new List<(string Title, int Ordinal)>();
            var scratch = new BytesRef();
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var sorted = reader.GetSortedDocValues(IndexDocument.TitleSort);
                var ordinals = SegmentOrdinals.Of(reader);
                if (sorted is null)
                {
                    continue;
                }
                var live = reader.LiveDocs;
                for (var doc = 0; doc < reader.MaxDoc; doc++)
                {
                    if (live is null || live.Get(doc))
                    {
                        sorted.Get(doc, scratch);
                        titles.Add((scratch.Utf8ToString(), ordinals[doc]));
                    }
                }
            }
            titles.Sort((a, b) => a.Title != b.Title ? string.CompareOrdinal(a.Title, b.Title) : a.Ordinal.CompareTo(b.Ordinal));
            rank = new int[Math.Max(fields.Size, titles.Count == 0 ? 0 : titles.Max(t => t.Ordinal) + 1)];
            for (var i = 0; i < titles.Count; i++)
            {
                rank[titles[i].Ordinal] = i;
            }
            _titleRank = (version, rank);
        }
        return ordinal => ordinal < rank.Length ? -rank[ordinal] : double.NegativeInfinity;
    }

    private static List<FacetResult> BuildFacets(ResidentFields fields, SearchRequest request, IReadOnlyDictionary<string, int[]> counts, Dictionary<string, FacetSelection> selections)
    {
        var wanted = request.FacetDimensions ?? FacetDimensions.All;
        var results = new List<FacetResult>();
        foreach (var dimension in wanted)
        {
            var stored = dimension == FacetDimensions.MissionFamily ? FacetDimensions.Mission : dimension;
            var column = fields.Column(stored);
            var taxonomy = column.Taxonomy;
            var dimCounts = counts[stored];
            var selected = selections.GetValueOrDefault(stored)?.Selected ?? new HashSet<int>();
            var values = new List<FacetValue>();
            for (var o = 0; o < dimCounts.Length; o++)
            {
                var isFamily = column.Dimension.Hierarchical && taxonomy.Parent(o) < 0;
                if (column.Dimension.Hierarchical && isFamily != (dimension == FacetDimensions.MissionFamily))
                {
                    continue;
                }
                if (dimCounts[o] > 0 || selected.Contains(o))
                {
                    var parent = taxonomy.Parent(o);
                    values.Add(new FacetValue(taxonomy.Label(o), dimCounts[o], selected.Contains(o), parent >= 0 ? taxonomy.Label(parent) : null));
                }
            }
            var top = values.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.OrdinalIgnoreCase)
                .Take(request.FacetLimit).ToList();
            top.AddRange(values.Where(v => v.Selected && !top.Contains(v)));
            // A selected value no document carries still shows, so it can be removed.
            if (dimension != FacetDimensions.MissionFamily)
            {
                top.AddRange((selections.GetValueOrDefault(stored)?.Labels ?? [])
                    .Where(label => taxonomy.Find(label) < 0)
                    .Select(label => new FacetValue(label, 0, true)));
            }
            results.Add(new FacetResult(dimension, top));
        }
        return results;
    }

    public void Dispose()
    {
        // Under the write lock: a write in progress finishes before the writer closes.
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }
            var committed = true;
            try
            {
                Commit();
            }
            catch (IOException e)
            {
                // Nothing is lost: the catalogue holds every change and the next start applies what was not committed.
                _logger.LogWarning(e, "The index at {Path} could not be committed on shutdown", _path);
                committed = false;
            }
            _disposed = true;
            _views.Dispose();
            _searchers.Dispose();
            try
            {
                if (committed)
                {
                    _writer?.Dispose();
                }
                else
                {
                    // Closing would try the same commit again; the writer is closed without it.
                    _writer?.Rollback();
                }
            }
            catch (IOException e)
            {
                // A full disk can refuse the writer's last files too; the next start rebuilds what is missing.
                _logger.LogWarning(e, "The index at {Path} could not be closed cleanly", _path);
            }
            _directory.Dispose();
            _analyzer.Dispose();
            _answers?.Dispose();
        }
    }

    /// <summary>Keeps the newest views younger than the age limit, at most <paramref name="count"/> of them.</summary>
    private sealed class KeepRecent(double seconds, int count) : SearcherLifetimeManager.IPruner
    {
        private int _seen;

        public bool DoPrune(double ageSec, IndexSearcher searcher) => ageSec > seconds || ++_seen > count;
    }

    private sealed class Searchers(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}

/// <summary>Where the index lives: its own folder beside the catalogue file unless configured.</summary>
public sealed record IndexLocation(string Path);
