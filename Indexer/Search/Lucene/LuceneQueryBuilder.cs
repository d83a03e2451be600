using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Analysis;
using DiscoveryPortal.Indexer.Names;
using DiscoveryPortal.Indexer.Search.Query;
using DiscoveryPortal.Indexer.Search.Understanding;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DiscoveryPortal.Indexer.Search.Lucene;

/// <summary>A query ready to run: the exact form, the relaxed forms to try in turn when it finds nothing, and how it was understood.</summary>
internal sealed record BuiltQuery(global::Lucene.Net.Search.Query Exact, IReadOnlyList<global::Lucene.Net.Search.Query> Relaxed, QueryInterpretation Interpretation, bool Scored);

/// <summary>
/// Turns a parsed query into Lucene queries. Each word becomes a best-field match across the weighted
/// text fields (with its joined and split forms); words that name a vocabulary value add a boost for
/// records carrying it; a word no record uses is corrected to the nearest indexed word, or dropped;
/// a DOI in any form also matches the record's DOI exactly.
/// </summary>
internal sealed class LuceneQueryBuilder(
    PortalAnalyzer analyzer, IndexReader reader, QueryVocabulary vocabulary, NameResolver names, ResidentFields fields, Func<string, string, string?> held)
{
    private const int NamesSearched = 12;
    private const int MaxCorrections = 4;
    private const float ConeBoost = 2.0f;
    private const float TieBreaker = 0.3f;
    private const float VocabularyBoost = 2.0f;
    private const int MaxPrefixExpansions = 64;

    private readonly List<QueryPart> _parts = [];
    private readonly Dictionary<string, string> _corrections = new(StringComparer.Ordinal);
    private readonly Dictionary<Term, TermContext> _contexts = [];
    private string _text = "";

    public BuiltQuery Build(ParsedQuery parsed)
    {
        _text = parsed.Text;
        if (parsed.Root is null)
        {
            return new BuiltQuery(new MatchAllDocsQuery(), [], QueryInterpretation.None, false);
        }
        var (must, mustNot) = parsed.Root switch
        {
            AndNode a => (a.Must, a.MustNot),
            var single => ((IReadOnlyList<QueryNode>)[single], (IReadOnlyList<QueryNode>)[]),
        };
        var plain = must.OfType<TermNode>().Where(t => t.Field is null && !t.Prefix).ToList();
        var words = plain.Select(t => t.Text).ToList();

        // Objects first: their words are taken by the object, not read as vocabulary or single words.
        var objects = names.FindIn(words);
        var taken = new HashSet<TermNode>(ReferenceEqualityComparer.Instance);
        var clauses = new List<global::Lucene.Net.Search.Query>();
        foreach (var match in objects)
        {
            var text = string.Join(' ', words.Skip(match.Start).Take(match.Length));
            clauses.Add(SkyObject(match.Object));
            taken.UnionWith(plain.Skip(match.Start).Take(match.Length));
            var o = match.Object;
            _parts.Add(new QueryPart(text, "object", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{o.Name} (RA {o.Ra:F3}°, Dec {o.Dec:+0.000;-0.000}°)")));
        }
        var boosts = Boosts(plain.Select(t => taken.Contains(t) ? "" : t.Text).ToList());
        if (NearTogether(plain.Where(t => !taken.Contains(t)).Select(t => t.Text).ToList()) is { } together)
        {
            boosts.Add(together);
        }

        var anyDropped = false;
        foreach (var node in must)
        {
            if (node is TermNode t && taken.Contains(t))
            {
                continue;
            }
            var clause = node is TermNode { Field: null, Prefix: false } word ? PlainWord(word.Text, ref anyDropped) : Node(node);
            if (clause is not null)
            {
                clauses.Add(clause);
            }
        }
        var negatives = mustNot.Select(Node).OfType<global::Lucene.Net.Search.Query>().ToList();

        if (clauses.Count == 0 && negatives.Count == 0)
        {
            // Only stop words: everything; only unknown words: nothing.
            return new BuiltQuery(anyDropped ? new BooleanQuery() : new MatchAllDocsQuery(), [], Interpretation(false), anyDropped);
        }
        var exact = Combine(clauses, clauses.Count, negatives, boosts);
        var relaxed = new List<global::Lucene.Net.Search.Query>();
        if (clauses.Count >= 2)
        {
            var most = clauses.Count <= 3 ? clauses.Count - 1 : (int)Math.Ceiling(clauses.Count * 0.6);
            relaxed.Add(Combine(clauses, most, negatives, boosts));
            if (most > 1)
            {
                relaxed.Add(Combine(clauses, 1, negatives, boosts));
            }
        }
        return new BuiltQuery(exact, relaxed, Interpretation(false), clauses.Count > 0);
    }

    public QueryInterpretation Interpretation(bool relaxed) => new(_parts.ToList(), relaxed)
    {
        DidYouMean = _corrections.Count == 0 ? null
            : _corrections.Aggregate(_text, (text, c) => text.Replace(c.Key, c.Value, StringComparison.Ordinal)),
    };

    /// <summary>Every clause required (<paramref name="minimum"/> = all), or at least <paramref name="minimum"/> of them, ranked by how many match.</summary>
    private static global::Lucene.Net.Search.Query Combine(List<global::Lucene.Net.Search.Query> clauses, int minimum, List<global::Lucene.Net.Search.Query> negatives, List<global::Lucene.Net.Search.Query> boosts)
    {
        var outer = new BooleanQuery(disableCoord: true);
        if (clauses.Count > 0)
        {
            if (minimum >= clauses.Count)
            {
                foreach (var clause in clauses)
                {
                    outer.Add(clause, Occur.MUST);
                }
            }
            else
            {
                var some = new BooleanQuery(disableCoord: false) { MinimumNumberShouldMatch = minimum };
                foreach (var clause in clauses)
                {
                    some.Add(clause, Occur.SHOULD);
                }
                outer.Add(some, Occur.MUST);
            }
        }
        else
        {
            outer.Add(new MatchAllDocsQuery(), Occur.MUST);
        }
        foreach (var negative in negatives)
        {
            outer.Add(negative, Occur.MUST_NOT);
        }
        foreach (var boost in boosts)
        {
            outer.Add(boost, Occur.SHOULD);
        }
        return outer;
    }

    /// <summary>An object: records naming it by any of its names, or whose footprint holds its position.</summary>
    private global::Lucene.Net.Search.Query SkyObject(Names.SkyObject o)
    {
        // A named object is the most specific thing a query can say: it weighs more than a word.
        var any = new BooleanQuery(disableCoord: true) { Boost = 1.5f };
        foreach (var name in o.Names.Prepend(o.Name).Distinct(StringComparer.OrdinalIgnoreCase).Take(NamesSearched))
        {
            // A name that analysis would shorten ("Taurus A" loses its "A") is matched only whole, as a compact name.
            // Only names some record uses become clauses.
            if (WholeWords(name) && Phrase(name, null) is DisjunctionMaxQuery phrase)
            {
                any.Add(phrase, Occur.SHOULD);
            }
            if (IndexDocument.CompactName(name) is { Length: > 1 } compact && Known(new Term(IndexDocument.Compact, compact), 2.5f) is { } whole)
            {
                any.Add(whole, Occur.SHOULD);
            }
        }
        any.Add(new ConstantScoreQuery(ResidentFilter.SkyCone(fields, new Cone(o.Ra, o.Dec, o.Radius))) { Boost = ConeBoost }, Occur.SHOULD);
        return any;
    }

    /// <summary>Records where the words stand close together, in the short fields, rank higher ("earth observation" as a phrase).</summary>
    private global::Lucene.Net.Search.Query? NearTogether(List<string> words)
    {
        if (words.Count < 2)
        {
            return null;
        }
        var analysed = analyzer.Words(TextFields.Title, string.Join(' ', words));
        if (analysed.Select(w => w.Position).Distinct().Count() < 2)
        {
            return null;
        }
        var best = new DisjunctionMaxQuery(TieBreaker);
        foreach (var field in new[] { TextFields.Title, TextFields.Keywords, TextFields.Mission, TextFields.Target })
        {
            if (PhraseIn(field, analysed, TextFields.Get(field).Weight, slop: 2) is { } phrase)
            {
                best.Add(phrase);
            }
        }
        return best.Disjuncts.Count > 0 ? best : null;
    }

    private bool WholeWords(string name)
    {
        var typed = PortalAnalyzer.Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return analyzer.Words(TextFields.Title, name).Select(w => w.Position).Distinct().Count() >= typed;
    }

    /// <summary>Boosts for the words that name vocabulary values, recorded as parts of the interpretation.</summary>
    private List<global::Lucene.Net.Search.Query> Boosts(List<string> words)
    {
        var boosts = new List<global::Lucene.Net.Search.Query>();
        foreach (var match in vocabulary.Find(words, held))
        {
            var text = string.Join(' ', words.Skip(match.Start).Take(match.Length));
            if (match.Dimension == "time")
            {
                var years = match.Value.Split('/');
                var start = new DateTimeOffset(int.Parse(years[0], System.Globalization.CultureInfo.InvariantCulture), 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
                var end = new DateTimeOffset(int.Parse(years[1], System.Globalization.CultureInfo.InvariantCulture) + 1, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
                var overlap = new ConstantScoreQuery(ResidentFilter.TimeOverlap(fields, start, end)) { Boost = VocabularyBoost };
                boosts.Add(overlap);
                _parts.Add(new QueryPart(text, "time", years[0] == years[1] ? $"time: {years[0]}" : $"time: {years[0]} to {years[1]}"));
                continue;
            }
            boosts.Add(new TermQuery(new Term(IndexDocument.Vocabulary(match.Dimension), IndexDocument.CompactName(match.Value))) { Boost = VocabularyBoost });
            _parts.Add(new QueryPart(text, match.Dimension, $"{match.Kind}: {match.Value}"));
        }
        return boosts;
    }

    /// <summary>An unfielded word: matched as it is, corrected when no record uses it, dropped when nothing is near.</summary>
    private global::Lucene.Net.Search.Query? PlainWord(string text, ref bool dropped)
    {
        if (QueryVocabulary.Doi(text) is { } doi)
        {
            _parts.Add(new QueryPart(text, "doi", $"DOI {doi}"));
            var either = new BooleanQuery(disableCoord: true);
            either.Add(new TermQuery(new Term(IndexDocument.Doi, doi)) { Boost = 10f }, Occur.SHOULD);
            if (Word(text, null) is { } asWords)
            {
                either.Add(asWords, Occur.SHOULD);
            }
            return either;
        }
        var words = analyzer.Words(TextFields.Title, text);
        if (words.Count == 0)
        {
            return null; // a stop word
        }
        if (!Known(text, words))
        {
            // Each correction walks part of the terms dictionary: a query gets a few, not one per word of a long paste.
            if (_corrections.Count < MaxCorrections && text.Length <= 40 && Correct(text) is { } corrected)
            {
                _corrections[text] = corrected;
                _parts.Add(new QueryPart(text, "spelling", $"read as \"{corrected}\""));
                return Word(corrected, null);
            }
            _parts.Add(new QueryPart(text, "ignored", "no record uses this word"));
            dropped = true;
            return null;
        }
        return Word(text, null);
    }

    // Known when some record has the compact name, or every part of the word in one of its forms
    // ("trapist-1" is not known for its "1").
    private bool Known(string text, IReadOnlyList<AnalysedWord> words)
    {
        if (Context(new Term(IndexDocument.Compact, IndexDocument.CompactName(text))).DocFreq > 0)
        {
            return true;
        }
        return words.GroupBy(w => w.Position).All(position => position.Any(word =>
            TextFields.All.Any(field => Context(new Term(field.Name, word.Text)).DocFreq > 0)));
    }

    /// <summary>
    /// A term's statistics in every segment, looked up once per query: the words' checks and their
    /// clauses share them, where each used to walk every segment's terms dictionary again.
    /// </summary>
    private TermContext Context(Term term)
    {
        if (!_contexts.TryGetValue(term, out var context))
        {
            context = TermContext.Build(reader.Context, term);
            _contexts[term] = context;
        }
        return context;
    }

    /// <summary>A term query that reuses the term's looked-up statistics; null when no record has the term.</summary>
    private TermQuery? Known(Term term, float boost = 1f) =>
        Context(term) is { DocFreq: > 0 } context ? new TermQuery(term, context) { Boost = boost } : null;

    /// <summary>The indexed word nearest to a misspelt one (one edit for short words, two for long), the most used first.</summary>
    private string? Correct(string text)
    {
        // A word with parts ("trapist-1") is corrected as its joined form, the longest of its words.
        var spelled = analyzer.Words(TextFields.Spelling, text);
        if (spelled.Count == 0)
        {
            return null;
        }
        var word = spelled.MaxBy(w => w.Text.Length).Text;
        if (word.Length < 4 || word.Count(char.IsLetter) < 3)
        {
            return null;
        }
        var terms = MultiFields.GetTerms(reader, TextFields.Spelling);
        if (terms is null)
        {
            return null;
        }
        var edits = word.Length >= 8 ? 2 : 1;
        var fuzzy = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(TextFields.Spelling, word), edits, 1, true);
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        var seen = 0;
        while (fuzzy.MoveNext() && seen++ < 500)
        {
            var value = fuzzy.Term.Utf8ToString();
            var distance = Distance(word, value);
            var frequency = fuzzy.DocFreq;
            if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
            {
                (best, bestDistance, bestFrequency) = (value, distance, frequency);
            }
        }
        return best;
    }

    /// <summary>Edit distance with transpositions (optimal string alignment).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }

    private global::Lucene.Net.Search.Query? Node(QueryNode node) => node switch
    {
        TermNode { Field: "doi" } t => DoiName.Key(t.Text) is { } doi ? new TermQuery(new Term(IndexDocument.Doi, doi)) : null,
        TermNode { Prefix: true } t => Prefix(t.Text, t.Field),
        TermNode t => Word(t.Text, t.Field),
        PhraseNode p => Phrase(p.Text, p.Field),
        AndNode a => And(a),
        OrNode o => Or(o),
        _ => null,
    };

    private global::Lucene.Net.Search.Query? And(AndNode a)
    {
        var query = new BooleanQuery(disableCoord: true);
        var any = false;
        foreach (var clause in a.Must.Select(Node).OfType<global::Lucene.Net.Search.Query>())
        {
            query.Add(clause, Occur.MUST);
            any = true;
        }
        foreach (var clause in a.MustNot.Select(Node).OfType<global::Lucene.Net.Search.Query>())
        {
            if (!any)
            {
                query.Add(new MatchAllDocsQuery(), Occur.MUST);
                any = true;
            }
            query.Add(clause, Occur.MUST_NOT);
        }
        return any ? query : null;
    }

    private global::Lucene.Net.Search.Query? Or(OrNode o)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var clause in o.Any.Select(Node).OfType<global::Lucene.Net.Search.Query>())
        {
            query.Add(clause, Occur.SHOULD);
        }
        return query.Clauses.Count > 0 ? query : null;
    }

    private static IEnumerable<TextField> Fields(string? field) =>
        field is null ? TextFields.All : TextFields.ForQueryField(field) is { } name ? [TextFields.Get(name)] : [];

    /// <summary>A word in its best field: each field weighted, the best one counting most.</summary>
    private global::Lucene.Net.Search.Query? Word(string text, string? field)
    {
        var words = analyzer.Words(TextFields.Title, text);
        if (words.Count == 0)
        {
            return null;
        }
        var best = new DisjunctionMaxQuery(TieBreaker);
        foreach (var f in Fields(field))
        {
            if (WordIn(f.Name, words, f.Weight) is { } inField)
            {
                best.Add(inField);
            }
        }
        if (field is null && IndexDocument.CompactName(text) is { Length: > 1 } compact && Known(new Term(IndexDocument.Compact, compact), 2.5f) is { } whole)
        {
            best.Add(whole);
        }
        // No field holds the word: a clause that matches nothing, so a required word still excludes everything.
        return best.Disjuncts.Count > 0 ? best : new BooleanQuery();
    }

    // One position: any of its stacked forms. Several ("gamma-ray" → gamma|gammaray, ray): the joined
    // form alone, or the parts as a phrase.
    // Null when the field holds none of the forms: fields without the word cost nothing at search time.
    private global::Lucene.Net.Search.Query? WordIn(string field, IReadOnlyList<AnalysedWord> words, float boost)
    {
        var positions = words.GroupBy(w => w.Position).OrderBy(g => g.Key).ToList();
        if (positions.Count == 1)
        {
            var forms = positions[0].Select(w => w.Text).Distinct().ToList();
            if (forms.Count == 1)
            {
                return Known(new Term(field, forms[0]), boost);
            }
            var any = new BooleanQuery(disableCoord: true) { Boost = boost };
            foreach (var form in forms)
            {
                if (Known(new Term(field, form)) is { } held)
                {
                    any.Add(held, Occur.SHOULD);
                }
            }
            return any.Clauses.Count > 0 ? any : null;
        }
        var either = new BooleanQuery(disableCoord: true) { Boost = boost };
        var joined = positions[0].Select(w => w.Text).OrderByDescending(t => t.Length).First();
        if (joined != positions[0].First().Text)
        {
            either.Add(new TermQuery(new Term(field, joined)), Occur.SHOULD);
        }
        var phrase = new PhraseQuery();
        foreach (var position in positions)
        {
            phrase.Add(new Term(field, position.First().Text), position.Key - positions[0].Key);
        }
        either.Add(phrase, Occur.SHOULD);
        return either;
    }

    private global::Lucene.Net.Search.Query? Phrase(string text, string? field)
    {
        var words = analyzer.Words(TextFields.Title, text);
        if (words.Count == 0)
        {
            return null;
        }
        var best = new DisjunctionMaxQuery(TieBreaker);
        foreach (var f in Fields(field))
        {
            if (PhraseIn(f.Name, words, f.Weight, slop: 0) is { } phrase)
            {
                best.Add(phrase);
            }
        }
        return best.Disjuncts.Count > 0 ? best : new BooleanQuery();
    }

    /// <summary>Analysed words as a phrase in one field, each position matching any of its stacked forms.</summary>
    /// <remarks>Null when some position has no form the field holds: such a phrase cannot match, and skipping it spares its weight.</remarks>
    private MultiPhraseQuery? PhraseIn(string field, IReadOnlyList<AnalysedWord> words, float boost, int slop)
    {
        var phrase = new MultiPhraseQuery { Slop = slop, Boost = boost };
        foreach (var position in words.GroupBy(w => w.Position).OrderBy(g => g.Key))
        {
            var held = position.Select(w => new Term(field, w.Text)).Where(t => Context(t).DocFreq > 0).ToArray();
            if (held.Length == 0)
            {
                return null;
            }
            phrase.Add(held, position.Key - words[0].Position);
        }
        return phrase;
    }

    /// <summary>Words starting with the text, folded but not stemmed; at most a few dozen of the most used are searched.</summary>
    private static global::Lucene.Net.Search.Query? Prefix(string text, string? field)
    {
        var folded = PortalAnalyzer.Fold(text).Replace(" ", "", StringComparison.Ordinal);
        if (folded.Length == 0)
        {
            return null;
        }
        var best = new DisjunctionMaxQuery(TieBreaker);
        foreach (var f in Fields(field))
        {
            best.Add(new PrefixQuery(new Term(f.Name, folded))
            {
                Boost = f.Weight,
                MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(MaxPrefixExpansions),
            });
        }
        return best.Disjuncts.Count > 0 ? best : null;
    }
}
