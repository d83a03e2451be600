using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Http;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>What an ObsCore source reads: the table, its unique key, a change-date column, sync or UWS async.</summary>
public sealed class TapObsCoreOptions : SourceOptions
{
    [FormField("TAP: table", Placeholder = "ivoa.obscore")]
    public string Table { get; set; } = "ivoa.obscore";

    [FormField("TAP: unique key column", Placeholder = "obs_publisher_did")]
    public string KeyColumn { get; set; } = "obs_publisher_did";

    [FormField("TAP: change-date column (makes re-harvests incremental)")]
    public string? ModifiedColumn { get; set; }

    /// <summary>Run each page as a UWS job.</summary>
    public bool UseAsyncJobs { get; set; }

    public override IEnumerable<string> Problems(string sourceId)
    {
        foreach (var (name, value) in new[] { ("table", Table), ("keyColumn", KeyColumn), ("modifiedColumn", ModifiedColumn) })
        {
            if (value is not null && !IsName(value))
            {
                yield return $"source '{sourceId}': {name} '{value}' is not a table or column name";
            }
        }
    }

    private static bool IsName(string value)
    {
        try
        {
            Adql.Identifier(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A person waits for a probe: its one page runs synchronously.</summary>
    public override SourceOptions ForProbe() => new TapObsCoreOptions { Table = Table, KeyColumn = KeyColumn, ModifiedColumn = ModifiedColumn };
}

/// <summary>An ObsCore table behind a TAP service, paged by its key.</summary>
public sealed class TapObsCoreKind : SourceKind<TapObsCoreOptions>
{
    public const string Key = "tap-obscore";

    public override string Name => Key;

    public override string Describes => "an ObsCore table over TAP";

    public override Task<IReadOnlyList<string>> PreflightAsync(SourceDefinition source, HttpClient http, RetryPolicy retry, CancellationToken ct) =>
        TapPreflight.AskAsync(source, http, retry, c => c.HasObsCore, "the service does not declare ObsCore; the table is tried anyway", ct);

    protected override IHarvestConnector Create(SourceDefinition source, TapObsCoreOptions options, HarvestContext context)
    {
        var mapper = new ObsCoreMapper(source.Id, source.Title, context.Missions, context.Clock);
        return new TapObsCoreConnector(new TapClient(context.Http, new Uri(source.Url!), context.Retry), mapper, new CollectionRollup(source.Id, source.Title, mapper, context.Clock),
            new TapTableOptions(options.Table, options.KeyColumn, options.ModifiedColumn, source.PageSize, options.UseAsyncJobs));
    }
}

/// <summary>A RegTAP registry behind a TAP service.</summary>
public sealed class RegTapKind : SourceKind<NoOptions>
{
    public const string Key = "regtap";

    public override string Name => Key;

    public override string Describes => "a RegTAP registry over TAP";

    public override Task<IReadOnlyList<string>> PreflightAsync(SourceDefinition source, HttpClient http, RetryPolicy retry, CancellationToken ct) =>
        TapPreflight.AskAsync(source, http, retry, c => c.HasRegTap, "the service does not declare RegTAP; the tables are tried anyway", ct);

    protected override IHarvestConnector Create(SourceDefinition source, NoOptions options, HarvestContext context) =>
        new RegTapConnector(new TapClient(context.Http, new Uri(source.Url!), context.Retry), source.Id, context.Clock, source.PageSize);
}

/// <summary>Recorded ObsCore responses on disk (the source's <c>files</c>), replayed through the ObsCore mapping.</summary>
public sealed class RecordedObsCoreKind : SourceKind<NoOptions>
{
    public const string Key = "recorded-obscore";

    public override string Name => Key;

    public override string Describes => "recorded ObsCore responses on disk";

    public override bool Registrable => false;

    public override SourceUrlRule UrlRule => SourceUrlRule.None;

    protected override IHarvestConnector Create(SourceDefinition source, NoOptions options, HarvestContext context)
    {
        var mapper = new ObsCoreMapper(source.Id, source.Title, context.Missions, context.Clock);
        return new RecordedObsCoreConnector(context.File.FilesOf(source), mapper, new CollectionRollup(source.Id, source.Title, mapper, context.Clock));
    }
}

/// <summary>What a probe of a TAP source asks first: the service's VOSI capabilities.</summary>
internal static class TapPreflight
{
    public static async Task<IReadOnlyList<string>> AskAsync(SourceDefinition source, HttpClient http, RetryPolicy retry, Func<TapCapabilities, bool> declares, string otherwise, CancellationToken ct)
    {
        var capabilities = await new TapClient(http, new Uri(source.Url!), retry).GetCapabilitiesAsync(ct);
        var findings = new List<string>
        {
            $"TAP capabilities: {string.Join(", ", capabilities.Languages.Take(3))}; data models {(capabilities.DataModels.Count == 0 ? "none declared" : string.Join(", ", capabilities.DataModels))}",
        };
        if (!declares(capabilities))
        {
            findings.Add(otherwise);
        }
        return findings;
    }
}
