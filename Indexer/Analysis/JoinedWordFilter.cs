using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace DiscoveryPortal.Indexer.Analysis;

/// <summary>
/// Splits joined words into their parts and adds the parts joined: "gamma-ray" → gamma, gammaray, ray;
/// "Landsat-8" → landsat, landsat8, 8; "1.5" → 1, 15, 5; a trailing "'s" goes ("Hubble's" → hubble). The tokens,
/// positions and offsets are those of Lucene's WordDelimiterFilter with word and number parts, word, number and
/// all catenation and English possessives (and no splitting at case changes or between letters and digits), which
/// <c>JoinedWordFilterTests</c> checks against it. That filter keeps each part as a clone of every attribute of the
/// chain, which was a tenth of the index build's processor time; here a part is its characters, offsets and
/// position increment.
/// </summary>
public sealed class JoinedWordFilter : TokenFilter
{
    private const int Lower = 1;
    private const int Upper = 2;
    private const int Digit = 4;
    private const int Delimiter = 8;
    private const int Alpha = Lower | Upper;

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;
    private readonly ITypeAttribute _type;

    private readonly List<Part> _parts = [];
    private readonly List<(int Start, int End, int Type)> _words = [];
    private char[] _text = new char[32];
    private int _next;
    private int _accumulated;
    private bool _first = true;

    // The word being split: its offsets, whether they span its characters one to one, and its type.
    private int _start;
    private int _end;
    private bool _offsetsApart;
    private string _tokenType = TypeAttribute.DEFAULT_TYPE;
    private bool _emitted;
    private int _startBound;
    private int _endBound;
    private bool _finalPossessive;

    public JoinedWordFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    private readonly record struct Part(int From, int Length, string? Joined, int Start, int End, int Increment);

    public override bool IncrementToken()
    {
        while (true)
        {
            if (_next < _parts.Count)
            {
                Emit(_parts[_next++]);
                return true;
            }
            _parts.Clear();
            _next = 0;
            if (!m_input.IncrementToken())
            {
                return false;
            }
            var length = _term.Length;
            var buffer = _term.Buffer;
            _accumulated += _increment.PositionIncrement;
            Subwords(buffer, length);
            if (_words.Count == 0)
            {
                // Only delimiters: not a word, and no hole where it was.
                if (_increment.PositionIncrement == 1 && !_first)
                {
                    _accumulated--;
                }
                continue;
            }
            if (_words[0].Start == 0 && _words[0].End == length)
            {
                _increment.PositionIncrement = _accumulated;
                _accumulated = 0;
                _first = false;
                return true;
            }
            if (_text.Length < length)
            {
                _text = new char[Math.Max(length, _text.Length * 2)];
            }
            Array.Copy(buffer, _text, length);
            _start = _offset.StartOffset;
            _end = _offset.EndOffset;
            _offsetsApart = _end - _start != length;
            _tokenType = _type.Type;
            _emitted = false;
            // One word between delimiters (or before a final "'s"): that word alone, at once.
            if (_words.Count == 1 && _words[0].Start == _startBound && _words[0].End == (_finalPossessive ? _endBound - 2 : _endBound))
            {
                var (from, to, _) = _words[0];
                var start = _start + from;
                var offsets = !_offsetsApart ? (start, _start + to) : start <= _end ? (start, _end) : (_start, _end);
                Emit(new Part(from, to - from, null, offsets.Item1, offsets.Item2, Position(inject: false)));
                _first = false;
                return true;
            }
            Split();
        }
    }

    public override void Reset()
    {
        base.Reset();
        _parts.Clear();
        _next = 0;
        _accumulated = 0;
        _first = true;
    }

    private static (int Start, int End) Bounds(char[] text, int length)
    {
        var start = 0;
        while (start < length && CharType(text[start]) == Delimiter)
        {
            start++;
        }
        var end = length;
        while (end > start && CharType(text[end - 1]) == Delimiter)
        {
            end--;
        }
        return (start, end);
    }

    /// <summary>The runs of letters and digits, each without a "'s" that follows it, between the word's leading and trailing delimiters.</summary>
    private void Subwords(char[] text, int length)
    {
        _words.Clear();
        var (startBound, endBound) = Bounds(text, length);
        (_startBound, _endBound) = (startBound, endBound);
        _finalPossessive = Possessive(text, endBound, endBound);
        var at = startBound;
        while (at < endBound)
        {
            while (at < endBound && CharType(text[at]) == Delimiter)
            {
                at++;
            }
            if (at >= endBound)
            {
                break;
            }
            var from = at;
            while (at < endBound && CharType(text[at]) != Delimiter)
            {
                at++;
            }
            _words.Add((from, at, WordType(text[from])));
            if (at < endBound - 1 && Possessive(text, at + 2, endBound))
            {
                at += 2;
            }
        }
    }

    private static bool Possessive(char[] text, int at, int endBound) =>
        at > 2 && at <= text.Length && text[at - 2] == '\'' && (text[at - 1] == 's' || text[at - 1] == 'S') && (CharType(text[at - 3]) & Alpha) != 0
        && (at == endBound || CharType(text[at]) == Delimiter);

    private void Split()
    {
        var concat = new Joining();
        var all = new Joining();
        var lastJoined = 0;
        foreach (var (from, to, type) in _words)
        {
            if (!concat.Empty && (concat.Type & type) == 0)
            {
                lastJoined = concat.Count;
                if (concat.Count != 1)
                {
                    _parts.Add(Joined(concat));
                }
                concat = new Joining();
                _emitted = false;
            }
            if (concat.Empty)
            {
                concat.Type = type;
            }
            concat.Add(_text, from, to);
            all.Add(_text, from, to);
            var offsets = _offsetsApart ? (_start, _end) : (_start + from, _start + to);
            _parts.Add(new Part(from, to - from, null, offsets.Item1, offsets.Item2, Position(inject: false)));
        }
        if (!concat.Empty)
        {
            lastJoined = concat.Count;
            if (concat.Count != 1)
            {
                _parts.Add(Joined(concat));
            }
        }
        if (!all.Empty && all.Count > lastJoined)
        {
            _parts.Add(Joined(all));
        }
        // In text order, a joined form after the part it starts with; stable, as Lucene's merge sort is.
        var ordered = _parts.Select((p, i) => (p, i)).OrderBy(x => x.p.Start).ThenByDescending(x => x.p.Increment).ThenBy(x => x.i).Select(x => x.p).ToList();
        _parts.Clear();
        _parts.AddRange(ordered);
        for (var i = 0; i < _parts.Count; i++)
        {
            if (_first && _parts[i].Increment == 0)
            {
                _parts[i] = _parts[i] with { Increment = 1 };
            }
            _first = false;
        }
    }

    private Part Joined(Joining joining)
    {
        var offsets = _offsetsApart ? (_start, _end) : (_start + joining.From, _start + joining.To);
        var part = new Part(0, 0, joining.Text.ToString(), offsets.Item1, offsets.Item2, Position(inject: true));
        _accumulated = 0;
        return part;
    }

    // As Lucene's filter counts: the first token of a word takes the increments gathered so far, parts one each,
    // joined forms none (they stand at their first part's position).
    private int Position(bool inject)
    {
        var increment = _accumulated;
        _accumulated = 0;
        if (_emitted)
        {
            return inject ? 0 : Math.Max(1, increment);
        }
        _emitted = true;
        return Math.Max(1, increment);
    }

    private void Emit(Part part)
    {
        ClearAttributes();
        if (part.Joined is { } joined)
        {
            _term.SetEmpty().Append(joined);
        }
        else
        {
            _term.CopyBuffer(_text, part.From, part.Length);
        }
        _offset.SetOffset(part.Start, part.End);
        _increment.PositionIncrement = part.Increment;
        _type.Type = _tokenType;
    }

    /// <summary>Parts being joined, with where the first starts and the last ends.</summary>
    private sealed class Joining
    {
        public System.Text.StringBuilder Text { get; } = new();
        public int Type { get; set; }
        public int Count { get; private set; }
        public int From { get; private set; }
        public int To { get; private set; }
        public bool Empty => Count == 0;

        public void Add(char[] text, int from, int to)
        {
            if (Count == 0)
            {
                From = from;
            }
            Text.Append(text, from, to - from);
            To = to;
            Count++;
        }
    }

    private static int WordType(char c) => CharType(c) is var type && (type == Lower || type == Upper) ? Alpha : CharType(c);

    // Lucene's character classes: the first 256 characters by case and digit, the others by Unicode category.
    private static int CharType(char c)
    {
        if (c < 256)
        {
            return char.IsLower(c) ? Lower : char.IsUpper(c) ? Upper : char.IsDigit(c) ? Digit : Delimiter;
        }
        return char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter => Upper,
            UnicodeCategory.LowercaseLetter => Lower,
            UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark => Alpha,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Digit,
            UnicodeCategory.Surrogate => Alpha | Digit,
            _ => Delimiter,
        };
    }
}
