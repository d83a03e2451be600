using Microsoft.Net.Http.Headers;

namespace DiscoveryPortal.SearchApi.Formats;

/// <summary>The formats a table answer of the API comes in (search results, baskets).</summary>
public enum ResultFormat
{
    Json,
    Csv,
    VoTable,

    /// <summary>An Atom feed of a search, newest first; not a table, so baskets do not come as one.</summary>
    Atom,
}

/// <summary>
/// The <c>format</c> parameter and the media types it stands for, declared once. <c>format</c> wins over the
/// <c>Accept</c> header; an <c>Accept</c> that names none of these gets JSON.
/// </summary>
public static class ResultFormats
{
    public const string Parameter = "format";
    public const string Json = "application/json";
    public const string Csv = "text/csv";
    public const string VoTable = "application/x-votable+xml";
    public const string Atom = "application/atom+xml";

    /// <summary>The formats of a search's answer.</summary>
    public static string Names => "json, csv, votable or atom";

    /// <summary>The formats of a table's answer (a basket).</summary>
    public static string TableNames => "json, csv or votable";

    public static string MediaType(ResultFormat format) => format switch
    {
        ResultFormat.Csv => Csv + "; charset=utf-8",
        ResultFormat.VoTable => VoTable,
        ResultFormat.Atom => Atom + "; charset=utf-8",
        _ => Json,
    };

    public static string Extension(ResultFormat format) => format switch
    {
        ResultFormat.Csv => "csv",
        ResultFormat.VoTable => "vot",
        ResultFormat.Atom => "atom",
        _ => "json",
    };

    public static bool TryParse(string? text, out ResultFormat format)
    {
        format = (text ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "json" => ResultFormat.Json,
            "csv" => ResultFormat.Csv,
            "votable" or "vot" => ResultFormat.VoTable,
            "atom" => ResultFormat.Atom,
            _ => (ResultFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    /// <summary>The format a request asks for, or null when its <c>format</c> names none of ours.</summary>
    public static ResultFormat? Choose(HttpRequest request)
    {
        if (request.Query.TryGetValue(Parameter, out var given))
        {
            return TryParse(given.ToString(), out var named) ? named : null;
        }
        IList<MediaTypeHeaderValue> accept;
        try
        {
            accept = request.GetTypedHeaders().Accept;
        }
        catch (FormatException)
        {
            return ResultFormat.Json;
        }
        foreach (var type in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            var name = type.MediaType.Value?.ToLowerInvariant();
            if (name is Csv)
            {
                return ResultFormat.Csv;
            }
            if (name is VoTable)
            {
                return ResultFormat.VoTable;
            }
            if (name is Atom)
            {
                return ResultFormat.Atom;
            }
            if (name is Json or "*/*" or "application/*" or "application/problem+json")
            {
                return ResultFormat.Json;
            }
        }
        return ResultFormat.Json;
    }
}
