namespace DiscoveryPortal.Connectors.Records;

/// <summary>A problem with one field of a record, named so that whoever supplied it can fix it.</summary>
public sealed record RecordProblem(string Field, string Reason);

/// <summary>Checks a record against the model's rules before it may enter the catalogue.</summary>
public static class RecordValidator
{
    public static List<RecordProblem> Validate(AssetRecord record)
    {
        var problems = new List<RecordProblem>();
        if (string.IsNullOrWhiteSpace(record.Title))
        {
            problems.Add(new("title", "is required"));
        }
        var colon = record.Id.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == record.Id.Length - 1)
        {
            problems.Add(new("id", $"'{record.Id}' is not of the form <source>:<native id>"));
        }
        else if (!record.Id.StartsWith(record.SourceId + ":", StringComparison.Ordinal))
        {
            problems.Add(new("id", $"'{record.Id}' does not start with its source '{record.SourceId}:'"));
        }
        if (Domains.Canonical(record.Domain) is null)
        {
            problems.Add(new("domain", $"'{record.Domain}' is not one of {string.Join(", ", Domains.All)}"));
        }
        foreach (var link in record.Access)
        {
            CheckUrl(problems, "access", link.Url);
        }
        if (record.Quicklook is { } quicklook)
        {
            CheckUrl(problems, "quicklook", quicklook.Url);
        }
        if (record.LandingPage is not null)
        {
            CheckUrl(problems, "landingPage", record.LandingPage);
        }
        if (record.Sky is { } sky)
        {
            if (!(sky.Ra is >= 0 and <= 360) || !(sky.Dec is >= -90 and <= 90) || !(sky.Radius is >= 0 and <= 180))
            {
                problems.Add(new("sky", $"ra {sky.Ra}, dec {sky.Dec}, radius {sky.Radius} is outside the sky (ra 0..360, dec -90..90, radius 0..180)"));
            }
        }
        if (record.Ground is { } ground && !ground.Box.IsValid)
        {
            problems.Add(new("bbox", $"{ground.Box} is not a valid west,south,east,north box in degrees"));
        }
        if (record.Time is { Start: { } start, End: { } end } && end < start)
        {
            problems.Add(new("time", $"ends ({end:O}) before it starts ({start:O})"));
        }
        return problems;
    }

    /// <summary>Whether a text is an absolute http(s) URL, the only kind a record may link to.</summary>
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void CheckUrl(List<RecordProblem> problems, string field, string url)
    {
        if (!IsHttpUrl(url))
        {
            problems.Add(new(field, $"'{Truncate(url)}' is not an http(s) URL"));
        }
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
