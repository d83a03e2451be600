using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace DiscoveryPortal.Indexer.Names;

/// <summary>
/// What two spellings of a name share: "M 51" = "m51" = "Messier 51", "NGC 0224" = "ngc224",
/// "Sco X-1" = "Scorpius X-1", "Alpha Centauri" = "alf Cen" = "α Cen", "Boötes" = "Bootes".
/// </summary>
/// <remarks>
/// Case, diacritics, apostrophes and the leading zeros of catalogue numbers never count. Between two words the
/// gap is kept ("sco x1"), so "Her A" (Hercules A) is not "Hera"; between a word and a number it is dropped
/// ("ngc224"); between two numbers it becomes '-' ("eso56-115"), and a '+' anywhere stays ("psr b531+21"),
/// since declination signs tell designations apart. Greek letters and their names become the three-letter
/// forms SIMBAD uses; constellation names and genitives become IAU abbreviations, unless the name is nothing
/// but the constellation ("Andromeda" stays a word of its own, not "and").
/// </remarks>
internal sealed class NameKey(Constellations constellations)
{
    // Greek letter names to SIMBAD's forms, and the catalogues people spell out.
    private static readonly Dictionary<string, string> WordForms = Pairs(
        "alpha alf beta bet gamma gam delta del epsilon eps zeta zet theta tet iota iot kappa kap lambda lam " +
        "xi ksi omicron omi sigma sig upsilon ups omega ome messier m caldwell c");

    private static readonly Dictionary<char, string> GreekLetters = Pairs(
        "α alf β bet γ gam δ del ε eps ϵ eps ζ zet η eta θ tet ϑ tet ι iot κ kap λ lam μ mu µ mu ν nu ξ ksi " +
        "ο omi π pi ρ rho σ sig ς sig τ tau υ ups φ phi ϕ phi χ chi ψ psi ω ome").ToDictionary(p => p.Key[0], p => p.Value);

    // Letters that Unicode decomposition leaves whole.
    private static readonly Dictionary<char, string> Ligatures = Pairs("ø o æ ae œ oe ł l đ d ß ss ı i").ToDictionary(p => p.Key[0], p => p.Value);

    [ThreadStatic]
    private static Token[]? t_tokens;

    private static Dictionary<string, string> Pairs(string pairs)
    {
        var words = pairs.Split(' ');
        return Enumerable.Range(0, words.Length / 2).ToDictionary(i => words[2 * i], i => words[2 * i + 1], StringComparer.Ordinal);
    }

    /// <summary>The key of a whole name; empty when it has no letter or digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Of(string name)
    {
        // Runs for every name at start-up (about 65,000): compiled optimised at once, it works in one buffer and
        // allocates only its result.
        var folded = Fold(name);
        var needed = folded.Length / 2 + 1;
        if (t_tokens is null || t_tokens.Length < needed)
        {
            t_tokens = new Token[Math.Max(needed, 32)];
        }
        var tokens = t_tokens.AsSpan(0, needed);
        var count = Tokenize(folded, tokens);
        if (count == 0)
        {
            return "";
        }
        count = MapConstellations(folded, tokens[..count]);
        Span<char> key = folded.Length <= 256 ? stackalloc char[folded.Length + count + 8] : new char[folded.Length + count + 8];
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            var text = tokens[i].Text(folded);
            if (i > 0)
            {
                var before = key[length - 1];
                if (tokens[i].AfterPlus)
                {
                    key[length++] = '+';
                }
                else if (char.IsAsciiDigit(before) && char.IsAsciiDigit(text[0]))
                {
                    key[length++] = '-';
                }
                else if (char.IsLetter(before) && char.IsLetter(text[0]))
                {
                    key[length++] = ' ';
                }
            }
            length = AppendWithoutLeadingZeros(text, key, length);
        }
        return new string(key[..length]);
    }

    /// <summary>The key of query words words[start .. start+length), as if they were typed as one name.</summary>
    public string Of(IReadOnlyList<string> words, int start, int length) =>
        length == 1 ? Of(words[start]) : Of(string.Join(' ', Enumerable.Range(start, length).Select(i => words[i])));

    /// <summary>Lowercase, diacritics and apostrophes gone, Greek letters spelt out ("α Cen" → " alf  cen").</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Fold(string text)
    {
        var ascii = Ascii.IsValid(text);
        if (ascii)
        {
            var lower = text.ToLowerInvariant();
            return lower.AsSpan().IndexOfAny('\'', '`') < 0 ? lower : lower.Replace("'", "").Replace("`", "");
        }
        var decomposed = Analysis.UnicodeText.Normalize(text, NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var raw in decomposed)
        {
            var c = char.ToLowerInvariant(raw);
            if (c is '\'' or '’' or '‘' or 'ʼ' or '`' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (GreekLetters.TryGetValue(c, out var greek))
            {
                folded.Append(' ').Append(greek).Append(' ');
            }
            else if (Ligatures.TryGetValue(c, out var latin))
            {
                folded.Append(latin);
            }
            else
            {
                folded.Append(c);
            }
        }
        return folded.ToString();
    }

    // A word of the folded name, or the form that replaces it ("alpha" → "alf", "Scorpii" → "sco").
    private readonly record struct Token(int Start, int Length, bool AfterPlus, string? Form = null)
    {
        public ReadOnlySpan<char> Text(string folded) => Form is null ? folded.AsSpan(Start, Length) : Form;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Tokenize(string folded, Span<Token> tokens)
    {
        var count = 0;
        var plus = false;
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inToken = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inToken && start < 0)
            {
                start = i;
            }
            else if (!inToken && start >= 0)
            {
                tokens[count] = new Token(start, i - start, plus && count > 0, WordForm(folded.AsSpan(start, i - start)));
                count++;
                plus = false;
                start = -1;
            }
            if (i < folded.Length && folded[i] == '+')
            {
                plus = true;
            }
        }
        return count;
    }

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> WordFormOf = WordForms.GetAlternateLookup<ReadOnlySpan<char>>();

    // "alpha" → "alf", "theta1" → "tet1", "messier" → "m"; null when the word stays as it is.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? WordForm(ReadOnlySpan<char> token)
    {
        var letters = 0;
        while (letters < token.Length && char.IsLetter(token[letters]))
        {
            letters++;
        }
        if (letters == 0 || !WordFormOf.TryGetValue(token[..letters], out var form))
        {
            return null;
        }
        if (letters == token.Length)
        {
            return form;
        }
        return token[letters..].ContainsAnyExceptInRange('0', '9') ? null : form + token[letters..].ToString();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int MapConstellations(string folded, Span<Token> tokens)
    {
        var count = tokens.Length;
        Span<char> words = stackalloc char[64];
        for (var i = 0; i < count; i++)
        {
            for (var length = Math.Min(constellations.LongestName, count - i); length >= 1; length--)
            {
                if (length == count)
                {
                    continue; // the whole name is the constellation: "Andromeda", "Orion" are names of their own
                }
                var written = 0;
                for (var t = i; t < i + length && written >= 0; t++)
                {
                    var text = tokens[t].Text(folded);
                    written = written + text.Length + 1 > words.Length ? -1 : written;
                    if (written >= 0)
                    {
                        if (t > i)
                        {
                            words[written++] = ' ';
                        }
                        text.CopyTo(words[written..]);
                        written += text.Length;
                    }
                }
                if (written > 0 && constellations.AbbreviationOf(words[..written]) is { } abbreviation)
                {
                    tokens[i] = tokens[i] with { Form = abbreviation };
                    tokens[(i + length)..count].CopyTo(tokens[(i + 1)..]);
                    count -= length - 1;
                    break;
                }
            }
        }
        return count;
    }

    // "0224" → "224", "j00424433" → "j424433"; a number of zeros stays "0".
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AppendWithoutLeadingZeros(ReadOnlySpan<char> token, Span<char> key, int length)
    {
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '0' && (i == 0 || !char.IsAsciiDigit(token[i - 1])))
            {
                while (i + 1 < token.Length && token[i] == '0' && char.IsAsciiDigit(token[i + 1]))
                {
                    i++;
                }
            }
            key[length++] = token[i];
        }
        return length;
    }
}
