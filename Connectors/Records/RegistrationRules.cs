namespace DiscoveryPortal.Connectors.Records;

/// <summary>
/// What a record registered by hand or by import must satisfy beyond the model's own rules: its product
/// types and wavebands come from the shared vocabularies (a harvest keeps what its source says, but a
/// person typing "imgae" should hear of it), its dates fall in a span that makes sense, and every text
/// field keeps the cell rules of an import (no spreadsheet formula, not too long, valid UTF-8), through the
/// API and the forms as through a file.
/// </summary>
public static class RegistrationRules
{
    /// <summary>The earliest date a registered record may name (photographic plates go back to the 1850s).</summary>
    public static readonly DateTimeOffset Earliest = new(1800, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The model's rules and these.</summary>
    public static List<RecordProblem> Validate(AssetRecord record, DateTimeOffset now) => [.. RecordValidator.Validate(record), .. BeyondModel(record, now)];

    /// <summary>Only the rules a registration adds to the model's (for records the model's rules passed already).</summary>
    public static List<RecordProblem> BeyondModel(AssetRecord record, DateTimeOffset now)
    {
        var problems = new List<RecordProblem>();
        foreach (var type in record.ProductTypes.Where(t => ProductTypes.Canonical(t) is null))
        {
            problems.Add(new("productTypes", $"'{type}' is not one of {string.Join(", ", ProductTypes.All)}"));
        }
        foreach (var band in record.Wavebands.Where(b => Wavebands.Canonical(b) is null))
        {
            problems.Add(new("wavebands", $"'{band}' is not one of {string.Join(", ", Wavebands.All)}"));
        }
        // Planned observations may lie ahead, but not by centuries; nothing was observed before 1800.
        var latest = now.AddYears(50);
        CheckDate(problems, "start", record.Time?.Start, latest);
        CheckDate(problems, "end", record.Time?.End, latest);
        CheckDate(problems, "published", record.Published, now.AddDays(1));
        foreach (var (field, value) in TextFields(record))
        {
            Files.CellGuard.Check(field, value, problems);
        }
        if (record.Id.Any(c => char.IsControl(c) || Normalisation.DisplayText.IsBidiControl(c)))
        {
            problems.Add(new("id", "holds control or bidirectional formatting characters"));
        }
        if (DoiName.Strip(record.Doi) is { } doi && (!doi.StartsWith("10.", StringComparison.Ordinal) || !doi.Contains('/', StringComparison.Ordinal)))
        {
            problems.Add(new("doi", $"'{record.Doi}' is not a DOI (10.<registrant>/<suffix>)"));
        }
        return problems;
    }

    /// <summary>
    /// Every text a person or a spreadsheet reads of a record, named as an import names its column: the
    /// cell rules of an import (<see cref="Files.CellGuard"/>) hold for each, whatever way the record came in.
    /// </summary>
    public static IEnumerable<(string Field, string? Value)> TextFields(AssetRecord r)
    {
        yield return ("id", r.Id);
        yield return ("sourceId", r.SourceId);
        yield return ("title", r.Title);
        yield return ("description", r.Description);
        yield return ("descriptionHtml", r.DescriptionHtml);
        yield return ("domain", r.Domain);
        yield return ("mission", r.Mission);
        yield return ("missionFamily", r.MissionFamily);
        yield return ("platform", r.Platform);
        yield return ("license", r.License);
        yield return ("doi", r.Doi);
        yield return ("landingPage", r.LandingPage);
        foreach (var (name, values) in new[] { ("instruments", r.Instruments), ("productTypes", r.ProductTypes), ("formats", r.Formats), ("keywords", r.Keywords), ("wavebands", r.Wavebands) })
        {
            foreach (var value in values)
            {
                yield return (name, value);
            }
        }
        foreach (var author in r.Authors)
        {
            yield return ("authors", author.Name);
            yield return ("authors", author.Affiliation);
            yield return ("authors", author.Orcid);
        }
        foreach (var link in r.Access)
        {
            yield return ("accessUrls", link.Url);
            yield return ("accessUrls", link.Title);
            yield return ("accessUrls", link.Format);
            yield return ("accessUrls", link.Checksum);
        }
        foreach (var (key, value) in r.Details)
        {
            yield return ("details", key);
            yield return ("details", value);
        }
    }

    private static void CheckDate(List<RecordProblem> problems, string field, DateTimeOffset? value, DateTimeOffset latest)
    {
        if (value is { } v && (v < Earliest || v > latest))
        {
            problems.Add(new(field, $"{v:yyyy-MM-dd} is outside {Earliest:yyyy} to {latest:yyyy-MM-dd}"));
        }
    }
}
