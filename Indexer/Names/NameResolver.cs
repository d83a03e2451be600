using System.Collections.Concurrent;

namespace DiscoveryPortal.Indexer.Names;

/// <summary>
/// Object names to sky positions, offline: OpenNGC (NGC, IC, Messier, Caldwell and other cross identifications,
/// common names), a curated list of famous objects OpenNGC lacks, and target names the catalogue itself holds.
/// Spellings are forgiving (see <see cref="NameKey"/>); which query words count as a name is <see cref="NameMatchRule"/>.
/// </summary>
public sealed class NameResolver
{
    /// <summary>The longest name <see cref="FindIn"/> looks for, in words.</summary>
    public const int MaxWords = 5;

    /// <summary>Learned names stop here: a catalogue of junk targets must not fill memory.</summary>
    public const int MaxLearned = 200_000;

    private const int MaxNameLength = 200;

    private readonly NameKey _keys;
    private readonly NameMatchRule _rule;
    private readonly Dictionary<string, Known> _known = new(70_000, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SkyObject> _learned = new(StringComparer.Ordinal);

    private readonly record struct Known(SkyObject Object, bool Curated);

    private NameResolver(NameKey keys, NameMatchRule rule)
    {
        _keys = keys;
        _rule = rule;
    }

    /// <summary>Names known from OpenNGC and the curated list (spellings that differ only as <see cref="NameKey"/> allows count once).</summary>
    public int KnownNames => _known.Count;

    /// <summary>Names learned from the catalogue so far.</summary>
    public int LearnedNames => _learned.Count;

    /// <summary>Reads <c>constellations.csv</c>, <c>ordinary-words.txt</c>, <c>famous-objects.yaml</c> and <c>openngc-objects.csv</c>.</summary>
    public static NameResolver Load(string directory)
    {
        var constellations = Constellations.Load(Path.Combine(directory, "constellations.csv"));
        var keys = new NameKey(constellations);
        // OpenNGC is most of the work: read it and key its names while the smaller files are read.
        var openNgc = Task.Run(() => OpenNgc.Read(Path.Combine(directory, "openngc-objects.csv"), keys));
        var resolver = new NameResolver(keys, NameMatchRule.Load(Path.Combine(directory, "ordinary-words.txt"), constellations));
        var famous = FamousObjects.Read(Path.Combine(directory, "famous-objects.yaml"));
        // Curated objects first: where a name is claimed twice, the hand-checked entry wins.
        foreach (var o in famous.Objects)
        {
            var skyObject = new SkyObject(o.Name, [o.Name, .. o.Aliases], o.Ra, o.Dec, o.Radius, "curated: " + o.Source);
            foreach (var name in skyObject.Names)
            {
                resolver.Add(keys.Of(name), skyObject, curated: true);
            }
        }
        resolver.AddOpenNgc(openNgc.GetAwaiter().GetResult(), famous.Aliases);
        return resolver;
    }

    /// <summary>The object the whole text names, or null.</summary>
    public SkyObject? Resolve(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            return null;
        }
        var key = _keys.Of(name);
        return Find(key, out var found, out _) ? found : null;
    }

    /// <summary>
    /// The names among query words, longest first, left to right, never overlapping, up to
    /// <see cref="MaxWords"/> words each; only runs <see cref="NameMatchRule"/> accepts.
    /// </summary>
    public IReadOnlyList<NameMatch> FindIn(IReadOnlyList<string> words)
    {
        var matches = new List<NameMatch>();
        var start = 0;
        while (start < words.Count)
        {
            var matched = 0;
            for (var length = Math.Min(MaxWords, words.Count - start); length >= 1 && matched == 0; length--)
            {
                if (!words[start].Any(char.IsLetterOrDigit) || !words[start + length - 1].Any(char.IsLetterOrDigit))
                {
                    continue;
                }
                var key = _keys.Of(words, start, length);
                if (key.Length > 0 && Find(key, out var found, out var curated) && _rule.Accepts(words, start, length, curated))
                {
                    matches.Add(new NameMatch(start, length, found));
                    matched = length;
                }
            }
            start += Math.Max(matched, 1);
        }
        return matches;
    }

    /// <summary>
    /// A target name a catalogue record carries, with its footprint. Safe to call from many threads. A name
    /// OpenNGC or the curated list already knows keeps its position, the first position learned for a name stays,
    /// and names that say nothing of a place ("FIELD-1", "sky flat", "Jupiter") are not learned.
    /// </summary>
    public void Learn(string name, double ra, double dec, double radius)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || !double.IsFinite(ra) || !double.IsFinite(dec)
            || ra < 0 || ra >= 360 || dec < -90 || dec > 90 || _learned.Count >= MaxLearned)
        {
            return;
        }
        var key = _keys.Of(name);
        if (key.Length == 0 || _known.ContainsKey(key) || _learned.ContainsKey(key) || _rule.SaysNothing(name))
        {
            return;
        }
        var size = double.IsFinite(radius) ? Math.Max(radius, OpenNgc.MinimumRadius) : OpenNgc.MinimumRadius;
        var trimmed = name.Trim();
        _learned.TryAdd(key, new SkyObject(trimmed, [trimmed], ra, dec, size, "catalogue"));
    }

    private bool Find(string key, out SkyObject found, out bool curated)
    {
        if (_known.TryGetValue(key, out var known))
        {
            (found, curated) = (known.Object, known.Curated);
            return true;
        }
        curated = false;
        return _learned.TryGetValue(key, out found!);
    }

    private void Add(string key, SkyObject skyObject, bool curated)
    {
        if (key.Length > 0)
        {
            _known.TryAdd(key, new Known(skyObject, curated));
        }
    }

    private void AddOpenNgc(List<OpenNgc.Entry> entries, List<FurtherNames> furtherNames)
    {
        var entryOf = new Dictionary<string, OpenNgc.Entry>(70_000, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            foreach (var key in entry.Keys)
            {
                entryOf.TryAdd(key, entry);
            }
        }
        var curatedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var further in furtherNames)
        {
            if (!entryOf.TryGetValue(_keys.Of(further.Of), out var entry))
            {
                throw new InvalidDataException($"famous-objects.yaml: OpenNGC has no object '{further.Of}'.");
            }
            foreach (var name in further.Names)
            {
                var key = _keys.Of(name);
                entry.Names.Add(name);
                entry.Keys.Add(key);
                curatedKeys.Add(key);
            }
        }
        foreach (var e in entries)
        {
            var skyObject = new SkyObject(e.Names.Count > 0 ? e.Names[0] : e.Designation, e.Names, e.Ra, e.Dec, e.Radius, OpenNgc.Origin);
            for (var n = 0; n < e.Names.Count; n++)
            {
                Add(e.Keys[n], skyObject, curatedKeys.Contains(e.Keys[n]));
                if (e.Names[n].StartsWith("the ", StringComparison.OrdinalIgnoreCase))
                {
                    Add(_keys.Of(e.Names[n][4..]), skyObject, curated: false); // "the Witch Head Nebula" is typed without "the"
                }
            }
        }
    }
}
