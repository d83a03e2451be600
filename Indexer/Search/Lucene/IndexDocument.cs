using System.Text;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Analysis;
using DiscoveryPortal.Indexer.Facets;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>
/// How a record is laid out in a Lucene document: the full-text fields of <see cref="TextFields"/>,
/// exact fields for DOIs, compact names and vocabulary values, doc values from which the resident
/// facet and filter fields are rebuilt on start, and the record itself, stored for the hit list.
/// </summary>
public static class IndexDocument
{
    public const string Id = "id";
    public const string Ordinal = "ord";

    /// <summary>The ordinal as an exact term, to find the document of an ordinal the resident fields chose.</summary>
    public const string OrdinalKey = "ordk";
    public const string Record = "record";
    public const string Doi = "doi";
    public const string Compact = "compact";
    public const string TitleSort = "title_sort";
    public const string TargetName = "target_name";

    /// <summary>The exact field a vocabulary value is boosted through ("v:mission" holds "hst").</summary>
    public static string Vocabulary(string dimension) => "v:" + dimension;

    private static string FacetField(string dimension) => "f:" + dimension;
    private static string ParentField(string dimension) => "p:" + dimension;

    private static readonly string[] Numbers = ["n:ra", "n:dec", "n:radius", "n:west", "n:south", "n:east", "n:north", "n:t0", "n:t1", "n:newest"];

    public static Document Build(long ordinal, AssetRecord r, MissionVocabulary missions, SynonymExpander synonyms)
    {
        var doc = new Document
        {
            new StringField(Id, r.Id, Field.Store.NO),
            new NumericDocValuesField(Ordinal, ordinal),
            new StringField(OrdinalKey, Key(ordinal), Field.Store.NO),
            new StoredField(Record, RecordJson.SerializeUtf8(r)),
        };
        // One value per field, the record's several values joined: each field value costs a pass of the
        // analyzer, and joined values rank the same under BM25.
        var spelling = new List<string>();
        foreach (var field in TextFields.All)
        {
            var texts = field.Text(r, missions).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
            texts.AddRange(synonyms.Expand(texts));
            if (texts.Count == 0)
            {
                continue;
            }
            var text = texts.Count == 1 ? texts[0] : string.Join(" ; ", texts);
            doc.Add(new global::Lucene.Net.Documents.TextField(field.Name, text, Field.Store.NO));
            if (TextFields.Spelled.Contains(field.Name))
            {
                spelling.Add(text);
            }
        }
        if (spelling.Count > 0)
        {
            doc.Add(new global::Lucene.Net.Documents.TextField(TextFields.Spelling, string.Join(" ; ", spelling), Field.Store.NO));
        }
        if (DoiName.Key(r.Doi) is { } doi)
        {
            doc.Add(new StringField(Doi, doi, Field.Store.NO));
        }
        foreach (var name in CompactNames(r))
        {
            doc.Add(new StringField(Compact, name, Field.Store.NO));
        }

        var row = ResidentRow.From((int)ordinal, r);
        for (var d = 0; d < FacetDimensions.Stored.Count; d++)
        {
            var dimension = FacetDimensions.Stored[d];
            foreach (var value in row.Facets[d].Distinct(StringComparer.Ordinal))
            {
                doc.Add(new SortedSetDocValuesField(FacetField(dimension.Name), new BytesRef(value)));
                doc.Add(new StringField(Vocabulary(dimension.Name), CompactName(value), Field.Store.NO));
            }
            if (row.Parents[d] is { } parent)
            {
                doc.Add(new SortedSetDocValuesField(ParentField(dimension.Name), new BytesRef(parent)));
            }
        }
        double?[] numbers = [row.Ra, row.Dec, row.Radius, row.West, row.South, row.East, row.North, row.TimeStart, row.TimeEnd, row.Newest];
        for (var i = 0; i < Numbers.Length; i++)
        {
            doc.Add(new NumericDocValuesField(Numbers[i], BitConverter.DoubleToInt64Bits(numbers[i] ?? double.NaN)));
        }
        if (row.Target is { } target)
        {
            doc.Add(new SortedDocValuesField(TargetName, new BytesRef(target.Length > 200 ? target[..200] : target)));
        }
        var title = r.Title.ToLowerInvariant();
        doc.Add(new SortedDocValuesField(TitleSort, new BytesRef(title.Length > 200 ? title[..200] : title)));
        return doc;
    }

    public static string Key(long ordinal) => ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A name with case, spaces and punctuation gone: "3C 273" and "3c273" are one, as are "Landsat 8" and "LANDSAT_8".</summary>
    public static string CompactName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in PortalAnalyzer.Fold(name))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static IEnumerable<string> CompactNames(AssetRecord r)
    {
        var names = new List<string>();
        if (r.Details.TryGetValue("target", out var target))
        {
            names.Add(target);
        }
        names.AddRange(r.Instruments);
        if (r.Mission is not null)
        {
            names.Add(r.Mission);
        }
        if (r.Platform is not null)
        {
            names.Add(r.Platform);
        }
        return names.Select(CompactName).Where(n => n.Length > 1).Distinct(StringComparer.Ordinal);
    }

    public static AssetRecord ReadRecord(Document doc)
    {
        var stored = doc.GetBinaryValue(Record);
        return RecordJson.Deserialize(stored.Bytes.AsSpan(stored.Offset, stored.Length));
    }

    /// <summary>The resident rows of one segment's live documents, read from its doc values (no stored fields).</summary>
    public static IEnumerable<ResidentRow> ResidentRows(AtomicReader reader)
    {
        var ordinals = reader.GetNumericDocValues(Ordinal);
        if (ordinals is null)
        {
            yield break;
        }
        var live = reader.LiveDocs;
        var dimensions = FacetDimensions.Stored;
        var facets = dimensions.Select(d => SetValues(reader, FacetField(d.Name))).ToArray();
        var parents = dimensions.Select(d => d.Hierarchical ? SetValues(reader, ParentField(d.Name)) : null).ToArray();
        var numbers = Numbers.Select(n => reader.GetNumericDocValues(n)).ToArray();
        var targets = reader.GetSortedDocValues(TargetName);
        var scratch = new BytesRef();
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is not null && !live.Get(doc))
            {
                continue;
            }
            string? Target(int d)
            {
                if (targets is null || targets.GetOrd(d) < 0)
                {
                    return null;
                }
                targets.Get(d, scratch);
                return scratch.Utf8ToString();
            }
            double? Number(int i)
            {
                if (numbers[i] is not { } values)
                {
                    return null;
                }
                var v = BitConverter.Int64BitsToDouble(values.Get(doc));
                return double.IsNaN(v) ? null : v;
            }
            yield return new ResidentRow
            {
                Ordinal = (int)ordinals.Get(doc),
                Facets = facets.Select(f => f?.Read(doc) ?? (IReadOnlyList<string>)[]).ToList(),
                Parents = parents.Select(p => p?.Read(doc) is [var first, ..] ? first : null).ToList(),
                Ra = Number(0),
                Dec = Number(1),
                Radius = Number(2),
                West = Number(3),
                South = Number(4),
                East = Number(5),
                North = Number(6),
                TimeStart = Number(7),
                TimeEnd = Number(8),
                Newest = Number(9),
                Target = Target(doc),
            };
        }
    }

    private static SetReader? SetValues(AtomicReader reader, string field) =>
        reader.GetSortedSetDocValues(field) is { } values ? new SetReader(values) : null;

    /// <summary>Reads a segment's set values, each label decoded once per segment.</summary>
    private sealed class SetReader(SortedSetDocValues values)
    {
        private readonly string?[] _labels = new string?[values.ValueCount];
        private readonly BytesRef _scratch = new();

        public IReadOnlyList<string> Read(int doc)
        {
            values.SetDocument(doc);
            List<string>? result = null;
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                var label = _labels[ord];
                if (label is null)
                {
                    values.LookupOrd(ord, _scratch);
                    label = _labels[ord] = _scratch.Utf8ToString();
                }
                (result ??= []).Add(label);
            }
            return result ?? (IReadOnlyList<string>)[];
        }
    }
}
