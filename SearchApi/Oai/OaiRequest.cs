using System.Globalization;

namespace DiscoveryPortal.SearchApi.Oai;

/// <summary>An OAI-PMH error condition: its code (the protocol's list) and a message naming what is wrong.</summary>
public sealed class OaiError(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static OaiError BadArgument(string message) => new("badArgument", message);
}

/// <summary>
/// One OAI-PMH request as its arguments give it, checked against what its verb allows: a missing or unknown
/// verb is badVerb; a missing, repeated, unknown or malformed argument is badArgument.
/// </summary>
public sealed record OaiRequest(string Verb, IReadOnlyDictionary<string, string> Arguments)
{
    public static readonly IReadOnlyList<string> Verbs = ["Identify", "ListMetadataFormats", "ListSets", "GetRecord", "ListIdentifiers", "ListRecords"];

    // Per verb: the arguments it requires and those it may have; resumptionToken, where allowed, is exclusive.
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Allowed = new()
    {
        ["Identify"] = ([], []),
        ["ListMetadataFormats"] = ([], ["identifier"]),
        ["ListSets"] = ([], ["resumptionToken"]),
        ["GetRecord"] = (["identifier", "metadataPrefix"], []),
        ["ListIdentifiers"] = (["metadataPrefix"], ["from", "until", "set", "resumptionToken"]),
        ["ListRecords"] = (["metadataPrefix"], ["from", "until", "set", "resumptionToken"]),
    };

    public string? this[string name] => Arguments.GetValueOrDefault(name);

    /// <summary>Reads the request's parameters (the query string, or a POSTed form); throws an <see cref="OaiError"/> when they are not a valid request.</summary>
    public static OaiRequest Parse(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> parameters)
    {
        var given = parameters.ToList();
        var verbs = given.Where(p => p.Key == "verb").SelectMany(p => p.Value).ToList();
        if (verbs.Count == 0)
        {
            throw new OaiError("badVerb", "The verb argument is missing; it is one of " + string.Join(", ", Verbs) + ".");
        }
        if (verbs.Count > 1)
        {
            throw new OaiError("badVerb", "The verb argument is repeated; give it once.");
        }
        var verb = verbs[0] ?? "";
        if (!Allowed.TryGetValue(verb, out var allowed))
        {
            throw new OaiError("badVerb", $"'{Short(verb)}' is not a verb of OAI-PMH; it is one of {string.Join(", ", Verbs)}.");
        }
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in given.Where(p => p.Key != "verb"))
        {
            if (!allowed.Required.Contains(name) && !allowed.Optional.Contains(name))
            {
                throw OaiError.BadArgument($"{verb} takes no argument '{Short(name)}'.");
            }
            if (values.Count != 1)
            {
                throw OaiError.BadArgument($"The argument {name} is repeated; give it once.");
            }
            arguments[name] = values[0] ?? "";
        }
        if (arguments.ContainsKey("resumptionToken"))
        {
            if (arguments.Count > 1)
            {
                throw OaiError.BadArgument("resumptionToken is exclusive: give it alone, with the verb.");
            }
        }
        else
        {
            foreach (var name in allowed.Required.Where(r => !arguments.ContainsKey(r)))
            {
                throw OaiError.BadArgument($"{verb} requires the argument {name}.");
            }
        }
        return new OaiRequest(verb, arguments);
    }

    /// <summary>
    /// The from and until arguments as a window of change times: from inclusive, and before the end of until's
    /// second or day (until is inclusive at its granularity). Both must have one granularity, from not after until.
    /// </summary>
    public (DateTimeOffset? From, DateTimeOffset? Before) Window()
    {
        var from = Datestamp("from");
        var until = Datestamp("until");
        if (from is not null && until is not null)
        {
            if (from.Value.Day != until.Value.Day)
            {
                throw OaiError.BadArgument("from and until must have the same granularity (both a day, YYYY-MM-DD, or both a second, YYYY-MM-DDThh:mm:ssZ).");
            }
            if (from.Value.Time > until.Value.Time)
            {
                throw OaiError.BadArgument("from is after until.");
            }
        }
        var before = until is { } u ? u.Time + (u.Day ? TimeSpan.FromDays(1) : TimeSpan.FromSeconds(1)) : (DateTimeOffset?)null;
        return (from?.Time, before);
    }

    private (DateTimeOffset Time, bool Day)? Datestamp(string name)
    {
        if (this[name] is not { } text)
        {
            return null;
        }
        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
        {
            return (day, true);
        }
        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var second))
        {
            return (second, false);
        }
        throw OaiError.BadArgument($"{name}: '{Short(text)}' is not a UTC datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).");
    }

    public static string Short(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
