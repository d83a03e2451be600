namespace DiscoveryPortal.Connectors.Records;

/// <summary>
/// What a record registered by hand or by import must satisfy beyond the model's own rules: its product
/// types and wavebands come from the shared vocabularies (a harvest keeps what its source says, but a
/// person typing "imgae" should hear of it), and its dates fall in a span that makes sense.
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
        if (DoiName.Strip(record.Doi) is { } doi && (!doi.StartsWith("10.", StringComparison.Ordinal) || !doi.Contains('/', StringComparison.Ordinal)))
        {
            problems.Add(new("doi", $"'{record.Doi}' is not a DOI (10.<registrant>/<suffix>)"));
        }
        return problems;
    }

    private static void CheckDate(List<RecordProblem> problems, string field, DateTimeOffset? value, DateTimeOffset latest)
    {
        if (value is { } v && (v < Earliest || v > latest))
        {
            problems.Add(new(field, $"{v:yyyy-MM-dd} is outside {Earliest:yyyy} to {latest:yyyy-MM-dd}"));
        }
    }
}
