using System.Text;
using System.Text.RegularExpressions;

namespace DiscoveryPortal.Connectors.OpenSearch;

/// <summary>A parameter of an OpenSearch template: its namespace, name, and whether it may be left out.</summary>
public sealed record TemplateParameter(string Namespace, string Name, bool Optional);

/// <summary>
/// An OpenSearch URL template (<c>{searchTerms}</c>, <c>{geo:box?}</c>, ...): which parameters it takes and
/// how to fill it. Values are URL-escaped; an optional parameter without a value is dropped from the
/// query with its name, since services differ in what an empty value means; a required one without a
/// value is an error that names it.
/// </summary>
public sealed partial class OpenSearchTemplate
{
    private readonly string _template;
    private readonly IReadOnlyDictionary<string, string> _prefixes;

    private OpenSearchTemplate(string template, IReadOnlyDictionary<string, string> prefixes, IReadOnlyList<TemplateParameter> parameters)
    {
        _template = template;
        _prefixes = prefixes;
        Parameters = parameters;
    }

    public IReadOnlyList<TemplateParameter> Parameters { get; }

    public bool Has(string ns, string name) => Parameters.Any(p => p.Namespace == ns && p.Name == name);

    public static OpenSearchTemplate Parse(string template, IReadOnlyDictionary<string, string> prefixes)
    {
        var parameters = Token().Matches(template).Select(m => Parameter(m, prefixes)).ToList();
        return new OpenSearchTemplate(template, prefixes, parameters);
    }

    /// <summary>The URL for these values, keyed by (namespace, name).</summary>
    public Uri Fill(IReadOnlyDictionary<(string Namespace, string Name), string> values)
    {
        var missing = Parameters.Where(p => !p.Optional && !values.ContainsKey((p.Namespace, p.Name))).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"the template needs {string.Join(", ", missing.Select(p => "{" + p.Name + "}"))}, which this harvest has no value for");
        }
        var questionMark = _template.IndexOf('?', StringComparison.Ordinal);
        var head = questionMark < 0 ? _template : _template[..questionMark];
        var query = questionMark < 0 ? "" : _template[(questionMark + 1)..];
        var url = new StringBuilder(Replace(head, values, escape: false));
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !(Token().Match(pair) is { Success: true } m && Parameter(m, _prefixes) is { Optional: true } p && !values.ContainsKey((p.Namespace, p.Name))))
            .Select(pair => Replace(pair, values, escape: true))
            .ToList();
        if (pairs.Count > 0)
        {
            url.Append('?').Append(string.Join('&', pairs));
        }
        return new Uri(url.ToString());
    }

    private string Replace(string text, IReadOnlyDictionary<(string, string), string> values, bool escape) =>
        Token().Replace(text, m =>
        {
            var p = Parameter(m, _prefixes);
            return values.TryGetValue((p.Namespace, p.Name), out var v) ? (escape ? Uri.EscapeDataString(v) : v) : "";
        });

    private static TemplateParameter Parameter(Match m, IReadOnlyDictionary<string, string> prefixes)
    {
        var qualified = m.Groups["name"].Value;
        var colon = qualified.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? "" : qualified[..colon];
        var name = colon < 0 ? qualified : qualified[(colon + 1)..];
        // Unprefixed names are OpenSearch's own; so are prefixes bound to the OpenSearch namespace.
        var ns = prefix.Length == 0 ? OpenSearchNamespaces.OpenSearch : prefixes.GetValueOrDefault(prefix) ?? prefix;
        return new TemplateParameter(Canonical(ns), name, m.Groups["optional"].Success);
    }

    /// <summary>Services write the eo namespace with and without "/spec"; both mean the same extension.</summary>
    private static string Canonical(string ns) =>
        ns == "http://a9.com/-/spec/opensearch/extensions/eo/1.0/" ? OpenSearchNamespaces.Eo : ns;

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_.:\-]+)(?<optional>\?)?\}")]
    private static partial Regex Token();
}
