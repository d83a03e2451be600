using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Analysis;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Search.Query;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Search.Sqlite;

/// <summary>
/// Search on SQLite FTS5 (BM25, phrases, prefixes, snippets) with facets, spatial and time filters
/// evaluated in memory over <see cref="ResidentFields"/>. The FTS5 table follows the catalogue
/// through triggers; this class keeps the resident fields in step.
/// </summary>
public sealed class SqliteSearchIndex : ISearchIndex, IDisposable
{
    private const char MarkStart = '\uE000';
    private const char MarkEnd = '\uE001';

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteSearchIndex> _logger;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly ResidentFields _fields = new();
    private int[] _titleRank = [];
    private long _titleRankVersion = -1;
    private readonly Lock _titleRankLock = new();

    public SqliteSearchIndex(SqliteDatabase database, ILogger<SqliteSearchIndex> logger)
    {
        _database = database;
        _logger = logger;
        LoadAll();
    }

    public int LiveCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _fields.LiveCount;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public Task IndexAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return Task.CompletedTask;
        }
        using var connection = _database.Open();
        var rows = ReadRows(connection, "WHERE id IN (SELECT value FROM json_each(@ids))", new { ids = JsonSerializer.Serialize(ids) }).ToList();
        _lock.EnterWriteLock();
        try
        {
            foreach (var (row, ordinal) in rows)
            {
                if (row is null)
                {
                    _fields.Remove(ordinal);
                }
                else
                {
                    _fields.Set(row);
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
        return Task.CompletedTask;
    }

    /// <summary>Takes records out of search; call it before their rows leave the catalogue, which knows their document numbers.</summary>
    public Task DeleteAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        using var connection = _database.Open();
        var known = connection.Query<long>("SELECT ordinal FROM assets WHERE id IN (SELECT value FROM json_each(@ids))",
            new { ids = JsonSerializer.Serialize(ids) }).ToList();
        _lock.EnterWriteLock();
        try
        {
            foreach (var ordinal in known)
            {
                _fields.Remove((int)ordinal);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
        return Task.CompletedTask;
    }

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        using var connection = _database.Open();
        var text = MatchText(connection, request.Query);

        var fingerprint = request.Fingerprint();
        var after = request.After is { } c && c.Fingerprint == fingerprint ? c : null;
        var top = new PriorityQueue<int, (double Key, int Ordinal)>(request.Size + 1, WorstFirst.Instance);
        long total = 0;
        IReadOnlyDictionary<string, int[]> counts;
        Dictionary<string, FacetSelection> selections;
        var keys = new Dictionary<int, double>();

        _lock.EnterReadLock();
        try
        {
            selections = request.Filters
                .Where(f => f.Value.Count > 0)
                .ToDictionary(f => f.Key, f => new FacetSelection(_fields.Column(f.Key), f.Value));
            var wanted = (request.FacetDimensions ?? FacetDimensions.All)
                .Select(d => d == FacetDimensions.MissionFamily ? FacetDimensions.Mission : d).ToHashSet();
            var counter = new FacetCounter(_fields.Columns, selections, wanted);
            var start = request.Start is { } s ? s.ToUnixTimeMilliseconds() / 1000.0 : double.NegativeInfinity;
            var end = request.End is { } e ? e.ToUnixTimeMilliseconds() / 1000.0 : double.PositiveInfinity;
            var timed = request.Start is not null || request.End is not null;
            var rank = request.Sort == SearchSort.Title ? TitleRank(connection) : [];

            void Offer(int doc, double score)
            {
                if (!_fields.IsLive(doc)
                    || (request.Cone is { } cone && !_fields.MeetsCone(doc, cone))
                    || (request.Box is { } box && !_fields.MeetsBox(doc, box))
                    || (timed && !_fields.MeetsTime(doc, start, end))
                    || !counter.Collect(doc))
                {
                    return;
                }
                total++;
                var key = request.Sort switch
                {
                    SearchSort.Title => doc < rank.Length ? -rank[doc] : double.NegativeInfinity,
                    SearchSort.Newest => _fields.Newest(doc),
                    _ => text.Scored ? score : _fields.Newest(doc),
                };
                if (after is not null && !IsAfter(key, doc, after))
                {
                    return;
                }
                if (top.Count > request.Size && top.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare((key, doc), worst) <= 0)
                {
                    return; // no better than the worst of a full page: skip the heap
                }
                top.Enqueue(doc, (key, doc));
                if (top.Count > request.Size + 1)
                {
                    top.Dequeue();
                }
            }

            if (text.Ordinals is { } ordinals)
            {
                for (var i = 0; i < ordinals.Count; i++)
                {
                    Offer(ordinals[i], text.Scores is null ? 0 : text.Scores[i]);
                }
            }
            else
            {
                for (var doc = 0; doc < _fields.Size; doc++)
                {
                    if (text.Excluded is null || !text.Excluded.Contains(doc))
                    {
                        Offer(doc, 0);
                    }
                }
            }
            counts = counter.Counts();
            while (top.TryDequeue(out var doc, out var k))
            {
                keys[doc] = k.Key;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        var ordered = keys.OrderByDescending(k => k.Value).ThenBy(k => k.Key).Select(k => k.Key).ToList();
        SearchCursor? next = null;
        if (ordered.Count > request.Size)
        {
            ordered.RemoveAt(ordered.Count - 1);
            var last = ordered[^1];
            next = new SearchCursor(keys[last], last, fingerprint);
        }
        var hits = LoadHits(connection, ordered, text.Match);
        var facets = BuildFacets(request, counts, selections);
        return Task.FromResult(new SearchResult(total, hits, facets, next));
    }

    private static bool IsAfter(double key, int doc, SearchCursor cursor) =>
        key < cursor.Key || (key.Equals(cursor.Key) && doc > cursor.Ordinal);

    /// <summary>
    /// Up to this many text matches, every match is ranked by BM25 with field weights. Beyond it (a
    /// word found in a tenth of a million records), scoring every match would cost more than the rest
    /// of the search together, so matches are ranked in tiers: title matches by BM25 when they are few,
    /// else title matches newest first, then the other matches newest first.
    /// </summary>
    public const int ScoreAllLimit = 5_000;

    // Tier bases keep the tiers apart whatever the score or date inside them (unix seconds stay below 1e11).
    private const double TitleTier = 1e12;
    private const double ScoredTitleTier = 2e12;

    /// <summary>Documents the text query selects, with their ranking keys; Ordinals is null when the query is not textual.</summary>
    private TextMatch MatchText(SqliteConnection connection, ParsedQuery query)
    {
        if (query.Root is null)
        {
            return TextMatch.Everything;
        }
        var positive = Fts5QueryBuilder.Positive(query.Root);
        try
        {
            if (positive is null)
            {
                var excluded = ReadOrdinals(connection, Fts5QueryBuilder.ExcludedOnly(query.Root)!).ToHashSet();
                return new TextMatch(null, null, excluded, null, false);
            }
            var ordinals = ReadOrdinals(connection, positive);
            double[] keys;
            if (ordinals.Count <= ScoreAllLimit || positive.Contains(" : ", StringComparison.Ordinal))
            {
                var scored = ReadScores(connection, positive);
                keys = [.. ordinals.Select(o => scored.GetValueOrDefault(o, 0))];
            }
            else
            {
                var inTitle = $"t_title : ({positive})";
                var titled = ReadOrdinals(connection, inTitle);
                var titleScores = titled.Count <= ScoreAllLimit ? ReadScores(connection, inTitle) : null;
                var titleSet = titled.ToHashSet();
                keys = new double[ordinals.Count];
                _lock.EnterReadLock();
                try
                {
                    for (var i = 0; i < ordinals.Count; i++)
                    {
                        var o = ordinals[i];
                        keys[i] = titleScores is not null && titleScores.TryGetValue(o, out var score) ? ScoredTitleTier + score
                            : titleSet.Contains(o) ? TitleTier + NewestOrZero(o)
                            : NewestOrZero(o);
                    }
                }
                finally
                {
                    _lock.ExitReadLock();
                }
            }
            return new TextMatch(ordinals, keys, null, positive, true);
        }
        catch (SqliteException e)
        {
            // The builder quotes every word, so this is unexpected; searching the plain words keeps the page working.
            _logger.LogWarning(e, "FTS5 rejected {Query}; searching plain words instead", positive);
            if (query.FellBackToWords)
            {
                return new TextMatch([], [], null, null, true);
            }
            var plain = QueryParser.PlainWords(query.Canonical());
            return MatchText(connection, new ParsedQuery(plain, true));
        }
    }

    private double NewestOrZero(int ordinal)
    {
        var newest = _fields.IsLive(ordinal) ? _fields.Newest(ordinal) : 0;
        return double.IsFinite(newest) ? newest : 0;
    }

    // One row holding every match, parsed here: far cheaper than a row per match through ADO.NET.
    private static List<int> ReadOrdinals(SqliteConnection connection, string match)
    {
        var text = connection.ExecuteScalar<string?>("SELECT group_concat(rowid) FROM asset_text WHERE asset_text MATCH @q", new { q = match });
        var ordinals = new List<int>();
        if (string.IsNullOrEmpty(text))
        {
            return ordinals;
        }
        foreach (var range in text.AsSpan().Split(','))
        {
            ordinals.Add(int.Parse(text.AsSpan()[range], NumberStyles.None, CultureInfo.InvariantCulture));
        }
        return ordinals;
    }

    private static Dictionary<int, double> ReadScores(SqliteConnection connection, string match)
    {
        var text = connection.ExecuteScalar<string?>(
            // bm25() may not sit inside an aggregate; LIMIT -1 keeps SQLite from flattening the subquery into one.
            "SELECT group_concat(r || ' ' || s, ' ') FROM (SELECT rowid AS r, " +
            $"bm25(asset_text, {Fts5QueryBuilder.Bm25Weights}) AS s FROM asset_text WHERE asset_text MATCH @q LIMIT -1)",
            new { q = match });
        var scores = new Dictionary<int, double>();
        if (string.IsNullOrEmpty(text))
        {
            return scores;
        }
        var span = text.AsSpan();
        var parts = span.Split(' ');
        while (parts.MoveNext())
        {
            var ordinal = int.Parse(span[parts.Current], NumberStyles.None, CultureInfo.InvariantCulture);
            parts.MoveNext();
            scores[ordinal] = -double.Parse(span[parts.Current], NumberStyles.Float, CultureInfo.InvariantCulture); // bm25() is lower-is-better
        }
        return scores;
    }

    private List<SearchHit> LoadHits(SqliteConnection connection, List<int> ordered, string? match)
    {
        if (ordered.Count == 0)
        {
            return [];
        }
        var records = connection.Query<(long Ordinal, string Json)>(
                "SELECT ordinal, record_json FROM assets WHERE withdrawn_at IS NULL AND ordinal IN @ordered", new { ordered })
            .ToDictionary(r => (int)r.Ordinal, r => r.Json);
        var snippets = Snippets(connection, ordered, match);
        var hits = new List<SearchHit>(ordered.Count);
        foreach (var ordinal in ordered)
        {
            if (records.TryGetValue(ordinal, out var json))
            {
                var record = RecordJson.Deserialize(json);
                hits.Add(new SearchHit(record, Snippet(snippets.GetValueOrDefault(ordinal), record.Description)));
            }
        }
        return hits;
    }

    /// <summary>Description snippets with the matches between private-use markers, for one page in one query.</summary>
    private Dictionary<int, string?> Snippets(SqliteConnection connection, List<int> ordered, string? match)
    {
        if (match is null)
        {
            return [];
        }
        try
        {
            return connection.Query<(long Ordinal, string? Snippet)>(
                    $"SELECT rowid, snippet(asset_text, 5, '{MarkStart}', '{MarkEnd}', '…', 32) FROM asset_text WHERE asset_text MATCH @match AND rowid IN @ordered",
                    new { match, ordered })
                .ToDictionary(r => (int)r.Ordinal, r => r.Snippet);
        }
        catch (SqliteException e)
        {
            _logger.LogDebug(e, "No snippets for {Match}", match);
            return [];
        }
    }

    private static string Snippet(string? marked, string description)
    {
        if (marked is null || !marked.Contains(MarkStart, StringComparison.Ordinal))
        {
            marked = description.Length <= 240 ? description : description[..240] + "…";
        }
        // Escape everything, then turn the private-use markers into <mark>: the snippet is safe HTML.
        return WebUtility.HtmlEncode(marked).Replace(MarkStart.ToString(), "<mark>", StringComparison.Ordinal)
            .Replace(MarkEnd.ToString(), "</mark>", StringComparison.Ordinal);
    }

    private List<FacetResult> BuildFacets(SearchRequest request, IReadOnlyDictionary<string, int[]> counts, Dictionary<string, FacetSelection> selections)
    {
        var wanted = request.FacetDimensions ?? FacetDimensions.All;
        var results = new List<FacetResult>();
        _lock.EnterReadLock();
        try
        {
            foreach (var dimension in wanted)
            {
                var stored = dimension == FacetDimensions.MissionFamily ? FacetDimensions.Mission : dimension;
                var column = _fields.Column(stored);
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
        }
        finally
        {
            _lock.ExitReadLock();
        }
        return results;
    }

    /// <summary>Each document's position in title order; rebuilt only after the index changed.</summary>
    private int[] TitleRank(SqliteConnection connection)
    {
        if (_titleRankVersion == _fields.Version)
        {
            return _titleRank;
        }
        lock (_titleRankLock)
        {
            if (_titleRankVersion != _fields.Version)
            {
                var rank = new int[_fields.Size];
                var position = 0;
                foreach (var ordinal in connection.Query<long>("SELECT ordinal FROM assets WHERE withdrawn_at IS NULL ORDER BY title_sort, ordinal", buffered: false))
                {
                    if (ordinal < rank.Length)
                    {
                        rank[ordinal] = position++;
                    }
                }
                _titleRank = rank;
                _titleRankVersion = _fields.Version;
            }
            return _titleRank;
        }
    }

    private void LoadAll()
    {
        var watch = Stopwatch.StartNew();
        using var connection = _database.Open();
        foreach (var (row, _) in ReadRows(connection, "WHERE withdrawn_at IS NULL", null))
        {
            _fields.Set(row!);
        }
        _logger.LogInformation("Index loaded {Count} documents in {Elapsed} ms", _fields.LiveCount, watch.ElapsedMilliseconds);
    }

    private static IEnumerable<(ResidentRow? Row, int Ordinal)> ReadRows(SqliteConnection connection, string where, object? parameters)
    {
        var rows = connection.Query<ResidentColumns>(
            "SELECT ordinal AS Ordinal, withdrawn_at IS NOT NULL AS Withdrawn, domain AS Domain, mission AS Mission, mission_family AS MissionFamily, " +
            "asset_type AS AssetType, source_id AS Source, instruments AS Instruments, product_types AS ProductTypes, wavebands AS Wavebands, " +
            "formats AS Formats, ra AS Ra, dec AS Dec, radius AS Radius, west AS West, south AS South, east AS East, north AS North, " +
            "t_start AS TimeStart, t_end AS TimeEnd, newest AS Newest FROM assets " + where, parameters, buffered: false);
        foreach (var c in rows)
        {
            var ordinal = (int)c.Ordinal;
            if (c.Withdrawn)
            {
                yield return (null, ordinal);
                continue;
            }
            yield return (new ResidentRow
            {
                Ordinal = ordinal,
                Domain = c.Domain ?? "",
                Mission = c.Mission,
                MissionFamily = c.MissionFamily,
                AssetType = c.AssetType,
                Source = c.Source,
                Instruments = Split(c.Instruments),
                ProductTypes = Split(c.ProductTypes),
                Wavebands = Split(c.Wavebands),
                Formats = Split(c.Formats),
                Ra = c.Ra,
                Dec = c.Dec,
                Radius = c.Radius,
                West = c.West,
                South = c.South,
                East = c.East,
                North = c.North,
                TimeStart = c.TimeStart,
                TimeEnd = c.TimeEnd,
                Newest = c.Newest,
            }, ordinal);
        }
    }

    private static string[] Split(string s) => s.Length == 0 ? [] : s.Split(SearchDocument.ListSeparator);

    public void Dispose() => _lock.Dispose();

    private sealed record TextMatch(List<int>? Ordinals, double[]? Scores, HashSet<int>? Excluded, string? Match, bool Scored)
    {
        public static TextMatch Everything { get; } = new(null, null, null, null, false);
    }

    private sealed class ResidentColumns
    {
        public long Ordinal { get; set; }
        public bool Withdrawn { get; set; }
        public string? Domain { get; set; }
        public string? Mission { get; set; }
        public string? MissionFamily { get; set; }
        public string AssetType { get; set; } = "";
        public string Source { get; set; } = "";
        public string Instruments { get; set; } = "";
        public string ProductTypes { get; set; } = "";
        public string Wavebands { get; set; } = "";
        public string Formats { get; set; } = "";
        public double? Ra { get; set; }
        public double? Dec { get; set; }
        public double? Radius { get; set; }
        public double? West { get; set; }
        public double? South { get; set; }
        public double? East { get; set; }
        public double? North { get; set; }
        public double? TimeStart { get; set; }
        public double? TimeEnd { get; set; }
        public double? Newest { get; set; }
    }

    /// <summary>Orders the heap so the worst hit (lowest key, then highest ordinal) leaves first.</summary>
    private sealed class WorstFirst : IComparer<(double Key, int Ordinal)>
    {
        public static WorstFirst Instance { get; } = new();

        public int Compare((double Key, int Ordinal) x, (double Key, int Ordinal) y)
        {
            var byKey = x.Key.CompareTo(y.Key);
            return byKey != 0 ? byKey : y.Ordinal.CompareTo(x.Ordinal);
        }
    }
}
