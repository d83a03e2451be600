using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Normalisation;

/// <summary>
/// Brings a connector's record onto the shared vocabularies: canonical mission and family, known
/// wavebands and product types, trimmed text without bidirectional formatting characters, and de-duplicated lists.
/// </summary>
public sealed class RecordNormaliser(MissionVocabulary missions, TimeProvider clock)
{
    public AssetRecord Normalise(AssetRecord record)
    {
        record = WithoutBidiControls(record);
        var mission = missions.Resolve(record.Mission) ?? missions.Resolve(record.Platform)
            ?? (string.IsNullOrWhiteSpace(record.Mission) ? MissionOfInstruments(record.Instruments) : null);
        var platform = NullIfBlank(record.Platform);
        if (platform is null && mission is not null && record.Mission is not null)
        {
            // "Sentinel-2B" given as the mission: the mission is Sentinel-2, the satellite is kept as detail.
            var given = Compact(record.Mission);
            var canonical = Compact(mission.Name);
            if (given != canonical && given.StartsWith(canonical, StringComparison.Ordinal))
            {
                platform = record.Mission.Trim();
            }
        }

        var (html, text) = record.DescriptionHtml is { Length: > 0 } raw ? HtmlSanitiser.Sanitise(raw) : (null, null);

        return record with
        {
            DescriptionHtml = html,
            Title = Clean(record.Title),
            Description = string.IsNullOrWhiteSpace(record.Description) && text is not null ? text : record.Description.Trim(),
            Domain = Domains.Canonical(record.Domain) ?? mission?.Domain ?? record.Domain.Trim(),
            Mission = mission?.Name ?? NullIfBlank(record.Mission),
            MissionFamily = mission?.Family ?? NullIfBlank(record.MissionFamily) ?? (record.Mission is null ? null : "Other"),
            Platform = platform,
            Instruments = Distinct(record.Instruments.Select(i => missions.ResolveInstrument(i, mission?.Name ?? record.Mission)?.Name ?? i)),
            ProductTypes = Distinct(record.ProductTypes.Select(p => ProductTypes.Canonical(p) ?? p.Trim().ToLowerInvariant())),
            Formats = Distinct(record.Formats.Select(f => f.Trim().ToLowerInvariant())),
            // A mode or channel folded into its instrument ("WFC3/UVIS") stays findable as a keyword.
            Keywords = Distinct(record.Keywords.Concat(record.Instruments.Where(i => missions.ResolveInstrument(i, mission?.Name ?? record.Mission) is { } n && n.Name != i.Trim()))),
            Wavebands = Distinct(record.Wavebands.Select(w => Wavebands.Canonical(w) ?? w.Trim().ToLowerInvariant())),
            Doi = DoiName.Strip(record.Doi),
            HarvestedAt = record.HarvestedAt == default ? clock.GetUtcNow() : record.HarvestedAt,
        };
    }

    /// <summary>The one mission every instrument of the record belongs to, when they name one.</summary>
    private MissionName? MissionOfInstruments(IReadOnlyList<string> instruments)
    {
        var named = instruments.Select(i => missions.ResolveInstrument(i, null)?.Mission).Distinct().ToList();
        return named is [{ } only] ? missions.Resolve(only) : null;
    }

    /// <summary>The record with bidirectional formatting characters taken out of every text it shows (<see cref="DisplayText"/>).</summary>
    private static AssetRecord WithoutBidiControls(AssetRecord r) => r with
    {
        Title = DisplayText.Strip(r.Title),
        Description = DisplayText.Strip(r.Description),
        DescriptionHtml = DisplayText.StripOrNull(r.DescriptionHtml),
        Domain = DisplayText.Strip(r.Domain),
        Mission = DisplayText.StripOrNull(r.Mission),
        MissionFamily = DisplayText.StripOrNull(r.MissionFamily),
        Platform = DisplayText.StripOrNull(r.Platform),
        Instruments = r.Instruments.Select(DisplayText.Strip).ToList(),
        ProductTypes = r.ProductTypes.Select(DisplayText.Strip).ToList(),
        Formats = r.Formats.Select(DisplayText.Strip).ToList(),
        Keywords = r.Keywords.Select(DisplayText.Strip).ToList(),
        Wavebands = r.Wavebands.Select(DisplayText.Strip).ToList(),
        Authors = r.Authors.Select(a => a with { Name = DisplayText.Strip(a.Name), Affiliation = DisplayText.StripOrNull(a.Affiliation) }).ToList(),
        License = DisplayText.StripOrNull(r.License),
        Access = r.Access.Select(a => a with { Title = DisplayText.StripOrNull(a.Title) }).ToList(),
        Details = r.Details.ToDictionary(kv => DisplayText.Strip(kv.Key), kv => DisplayText.Strip(kv.Value)),
    };

    private static string Compact(string s) => new(s.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    private static string Clean(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static List<string> Distinct(IEnumerable<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
