using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Indexer.Accounts;

namespace DiscoveryPortal.Indexer.Sources;

/// <summary>The outcome of a registration: the saved source, or why not (with the probe's answer when there was one).</summary>
public sealed record SourceRegistrationResult(RegisteredSource? Saved, SourceProbeResult? Probe, string? Refusal, bool Forbidden)
{
    public bool Ok => Saved is not null;

    /// <summary>The source to change is not a registered one.</summary>
    public bool NotFound { get; init; }
}

/// <summary>
/// Registers a source for an archive team: checks the definition, that the account curates the source
/// id, probes the service, and saves it (with the probe's answer) only if the probe could read it; the
/// source and its audit entry are stored in one write (with the withdrawn records, when it is removed so).
/// </summary>
public sealed class SourceRegistration(SourceRegistry registry, SourceProbe probe, AuditLog audit, Catalog.ICatalogStore catalog, Ingestion.IngestionPipeline pipeline)
{
    /// <summary>The kinds a team may register; recorded sources are the deployment's own.</summary>
    public static IReadOnlyList<string> Kinds { get; } = SourceKinds.Registrable.Select(k => k.Name).ToList();

    public async Task<SourceRegistrationResult> RegisterAsync(SourceDefinition source, Account account, CancellationToken ct)
    {
        if (Check(source, account) is { } refused)
        {
            return refused;
        }
        if (await registry.FindAsync(source.Id, ct) is not null)
        {
            return new(null, null, $"source id '{source.Id}' is registered already", false);
        }
        var answer = await probe.ProbeAsync(source, ct);
        if (!answer.Ok)
        {
            return new(null, answer, $"the probe could not read the source: {answer.Summary} {string.Join("; ", answer.Findings)}", false);
        }
        try
        {
            var saved = await pipeline.WriteAsync(async write =>
            {
                var saved = await registry.AddAsync(write, source, account.Name, answer, ct);
                await audit.RecordAsync(write, account.Name, "register-source", "source:" + source.Id, null, source, ct);
                return saved;
            }, ct);
            return new(saved, answer, null, false);
        }
        catch (SourceRegistrationException e)
        {
            return new(null, answer, e.Message, false);
        }
    }

    /// <summary>
    /// Changes a registered source. A change of what is read (kind, URL, table, query, limits) is probed
    /// again first; a new title or schedule is not, so a source that is down can still be rescheduled.
    /// </summary>
    public async Task<SourceRegistrationResult> UpdateAsync(SourceDefinition source, Account account, CancellationToken ct)
    {
        if (Check(source, account) is { } refused)
        {
            return refused;
        }
        if (await registry.FindAsync(source.Id, ct) is not { } before)
        {
            return new(null, null, $"source '{source.Id}' is not a registered source; only those can be changed here", false) { NotFound = true };
        }
        SourceProbeResult? answer = null;
        if (before.Definition.WhatIsRead() != source.WhatIsRead())
        {
            answer = await probe.ProbeAsync(source, ct);
            if (!answer.Ok)
            {
                return new(null, answer, $"the probe could not read the source: {answer.Summary} {string.Join("; ", answer.Findings)}", false);
            }
        }
        var saved = await pipeline.WriteAsync(async write =>
        {
            var saved = await registry.ReplaceAsync(write, source, answer, ct);
            await audit.RecordAsync(write, account.Name, "change-source", "source:" + source.Id, before.Definition, source, ct);
            return saved;
        }, ct);
        return new(saved, answer ?? before.Probe, null, false);
    }

    /// <summary>
    /// Forgets a registered source. Its records stay in the catalogue, unless <paramref name="withdrawRecords"/>
    /// asks for them to leave search too (withdrawn, kept for the record).
    /// </summary>
    public async Task<SourceRegistrationResult> RemoveAsync(string id, Account account, CancellationToken ct, bool withdrawRecords = false)
    {
        if (await registry.FindAsync(id, ct) is not { } before)
        {
            return new(null, null, $"source '{id}' is not a registered source", false) { NotFound = true };
        }
        if (!account.MayChange(before.Definition.Id, null))
        {
            return new(null, null, $"{account.Name} does not curate source '{id}'", true);
        }
        var records = withdrawRecords ? await catalog.IdsOfSourceAsync(before.Definition.Id, ct) : [];
        await pipeline.WriteAsync(async write =>
        {
            await registry.RemoveAsync(write, before.Definition.Id, ct);
            var withdrawn = records.Count > 0 ? (await pipeline.WithdrawAsync(write, records, ct)).Count : 0;
            await audit.RecordAsync(write, account.Name, "remove-source", "source:" + before.Definition.Id, before.Definition, new { withdrawnRecords = withdrawn }, ct);
            return withdrawn;
        }, ct);
        return new(before, null, null, false);
    }

    private static SourceRegistrationResult? Check(SourceDefinition source, Account account)
    {
        source.Id = source.Id.Trim();
        source.Title = string.IsNullOrWhiteSpace(source.Title) ? source.Id : Connectors.Normalisation.DisplayText.Strip(source.Title).Trim();
        if (!account.MayChange(source.Id, null))
        {
            return new(null, null, $"{account.Name} does not curate source '{source.Id}'; an administrator can add it to the account's sources", true);
        }
        if (!Kinds.Contains(source.Kind))
        {
            return new(null, null, $"kind '{source.Kind}' is not one of {string.Join(", ", Kinds)}", false);
        }
        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return new(null, null, $"url '{source.Url}' is not an absolute http(s) URL", false);
        }
        if (source.Recorded is not null || source.Files.Count > 0 || source.Seed)
        {
            // Recorded answers and seeding read the deployment's own files: they belong in its sources file.
            return new(null, null, "recorded, files and seed are for the deployment's sources file, not for registered sources", false);
        }
        return source.Problems() is { Count: > 0 } problems ? new(null, null, string.Join("; ", problems), false) : null;
    }
}
