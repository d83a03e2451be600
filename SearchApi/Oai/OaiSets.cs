using System.Text.RegularExpressions;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.SearchApi.Oai;

/// <summary>What a set selects: the records of one source, or of one domain; neither for the two top sets.</summary>
public sealed record OaiSetFilter(string? SourceId, string? Domain);

/// <summary>
/// The repository's sets, two hierarchies: <c>source:&lt;source id&gt;</c> (one per source) and
/// <c>domain:&lt;slug&gt;</c> (one per domain of the shared vocabulary, <c>domain:earth-observation</c>);
/// <c>source</c> and <c>domain</c> above them hold every record.
/// </summary>
public static partial class OaiSets
{
    public const string Source = "source";
    public const string Domain = "domain";

    public static string DomainSpec(string domain) => Domain + ":" + Slug(domain);

    public static string? SourceSpec(string sourceId) => SpecPart().IsMatch(sourceId) ? Source + ":" + sourceId : null;

    /// <summary>The sets a record is in, most specific first.</summary>
    public static IEnumerable<string> Of(AssetRecord record)
    {
        if (SourceSpec(record.SourceId) is { } source)
        {
            yield return source;
        }
        yield return DomainSpec(record.Domain);
    }

    public static OaiSetFilter Parse(string spec)
    {
        if (spec is Source or Domain)
        {
            return new OaiSetFilter(null, null);
        }
        if (spec.StartsWith(Source + ":", StringComparison.Ordinal))
        {
            return new OaiSetFilter(spec[(Source.Length + 1)..], null);
        }
        if (spec.StartsWith(Domain + ":", StringComparison.Ordinal))
        {
            var slug = spec[(Domain.Length + 1)..];
            return new OaiSetFilter(null, Domains.All.FirstOrDefault(d => Slug(d) == slug) ?? slug);
        }
        throw OaiError.BadArgument($"set: '{OaiRequest.Short(spec)}' is not a set of this repository (source:<id> or domain:<name>; ListSets lists them).");
    }

    private static string Slug(string domain) => domain.Trim().ToLowerInvariant().Replace(' ', '-');

    // What a setSpec part may hold (OAI-PMH's setSpecType); a source id outside it gets no set.
    [GeneratedRegex(@"^[A-Za-z0-9\-_\.!~\*'\(\)]+$")]
    private static partial Regex SpecPart();
}
