using System.Buffers.Binary;
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
/// facet and filter fields are rebuilt on start. Nothing is stored: a page of hits reads its records from the
/// catalogue by document number, so the index holds no second copy of each record (it was half its size).
/// </summary>
public static class IndexDocument
{
    public const string Id = "id";
    public const string Ordinal = "ord";

    public const string Doi = "doi";
    public const string Compact = "compact";
    public const string TitleSort = "title_sort";
    public const string TargetName = "target_name";

    /// <summary>The exact field a vocabulary value is boosted through ("v:mission" holds "hst").</summary>
    public static string Vocabulary(string dimension) => "v:" + dimension;

    /// <summary>
    /// Fields holding whole values (an id, a DOI, compact and vocabulary names). They go through the
    /// analyzer's keyword chain, which the writer reuses per thread, where a StringField builds a token
    /// stream per value.
    /// </summary>
    public static bool IsExact(string field) => field is Id or Doi or Compact || field.StartsWith("v:", StringComparison.Ordinal);

    private static readonly FieldType ExactType = Frozen(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_ONLY,
    });

    /// <summary>
    /// The spelling field is only ever enumerated for corrections (its words and how many records hold each), never
    /// searched or scored: no frequencies, positions or norms.
    /// </summary>
    private static readonly FieldType SpellingType = Frozen(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_ONLY,
    });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    private static Field Exact(string name, string value) => new(name, value, ExactType);

    private static string FacetField(string dimension) => "f:" + dimension;
    private static string ParentField(string dimension) => "p:" + dimension;

    /// <summary>
    /// The resident numbers in one binary doc value: ra, dec, radius, time start, time end and newest as doubles,
    /// then west, south, east and north as floats (as the resident fields hold them); NaN where there is none.
    /// One value where ten numeric fields each paid the writer's per-field bookkeeping.
    /// </summary>
    private const string Numbers = "numbers";

    private const int NumbersLength = 6 * sizeof(double) + 4 * sizeof(float);

    public static Document Build(long ordinal, AssetRecord r, MissionVocabulary missions, SynonymExpander synonyms)
    {
        var doc = new Document
        {
            Exact(Id, r.Id),
            new NumericDocValuesField(Ordinal, ordinal),
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
            doc.Add(new Field(TextFields.Spelling, string.Join(" ; ", spelling), SpellingType));
        }
        if (DoiName.Key(r.Doi) is { } doi)
        {
            doc.Add(Exact(Doi, doi));
        }
        foreach (var name in CompactNames(r))
        {
            doc.Add(Exact(Compact, name));
        }

        var row = ResidentRow.From((int)ordinal, r);
        for (var d = 0; d < FacetDimensions.Stored.Count; d++)
        {
            var dimension = FacetDimensions.Stored[d];
            foreach (var value in row.Facets[d].Distinct(StringComparer.Ordinal))
            {
                doc.Add(new SortedSetDocValuesField(FacetField(dimension.Name), new BytesRef(value)));
                doc.Add(Exact(Vocabulary(dimension.Name), CompactName(value)));
            }
            if (row.Parents[d] is { } parent)
            {
                doc.Add(new SortedSetDocValuesField(ParentField(dimension.Name), new BytesRef(parent)));
            }
        }
        var numbers = new byte[NumbersLength];
        var span = numbers.AsSpan();
        double?[] doubles = [row.Ra, row.Dec, row.Radius, row.TimeStart, row.TimeEnd, row.Newest];
        for (var i = 0; i < doubles.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[(i * sizeof(double))..], doubles[i] ?? double.NaN);
        }
        double?[] floats = [row.West, row.South, row.East, row.North];
        for (var i = 0; i < floats.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[(doubles.Length * sizeof(double) + i * sizeof(float))..], (float)(floats[i] ?? double.NaN));
        }
        doc.Add(new BinaryDocValuesField(Numbers, new BytesRef(numbers)));
        if (row.Target is { } target)
        {
            doc.Add(new SortedDocValuesField(TargetName, new BytesRef(target.Length > 200 ? target[..200] : target)));
        }
        var title = r.Title.ToLowerInvariant();
        doc.Add(new SortedDocValuesField(TitleSort, new BytesRef(title.Length > 200 ? title[..200] : title)));
        return doc;
    }

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
        var numbers = reader.GetBinaryDocValues(Numbers);
        var targets = reader.GetSortedDocValues(TargetName);
        var scratch = new BytesRef();
        var numberBytes = new BytesRef();
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
            numbers?.Get(doc, numberBytes);
            double? Number(int i)
            {
                if (numbers is null || numberBytes.Length < NumbersLength)
                {
                    return null;
                }
                var at = numberBytes.Bytes.AsSpan(numberBytes.Offset);
                var v = i < 6 ? BinaryPrimitives.ReadDoubleLittleEndian(at[(i * sizeof(double))..]) : BinaryPrimitives.ReadSingleLittleEndian(at[(6 * sizeof(double) + (i - 6) * sizeof(float))..]);
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
                TimeStart = Number(3),
                TimeEnd = Number(4),
                Newest = Number(5),
                West = Number(6),
                South = Number(7),
                East = Number(8),
                North = Number(9),
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
