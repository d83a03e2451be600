using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Indexer.Accounts;

namespace DiscoveryPortal.Indexer.Sources;

/// <summary>The outcome of a registration: the saved source, or why not (with the probe's answer when there was one).</summary>
public sealed record SourceRegistrationResult(RegisteredSource? Saved, SourceProbeResult? Probe, string? Refusal, bool Forbidden)
{
    public bool Ok => Saved is not null;
}

/// <summary>
/// Registers a source for an archive team: checks the definition, that the account curates the source
/// id, probes the service, and saves it (with the probe's answer) only if the probe could read it.
/// </summary>
public sealed class SourceRegistration(SourceRegistry registry, SourceProbe probe, AuditLog audit)
{
    /// <summary>The kinds a team may register; recorded sources are the deployment's own.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [SourceKinds.TapObsCore, SourceKinds.RegTap, SourceKinds.Zenodo, SourceKinds.StacApi, SourceKinds.StacStatic, SourceKinds.OpenSearch];

    public async Task<SourceRegistrationResult> RegisterAsync(SourceDefinition source, Account account, CancellationToken ct)
    {
        source.Id = source.Id.Trim();
        source.Title = string.IsNullOrWhiteSpace(source.Title) ? source.Id : source.Title.Trim();
        if (!account.MayChange(source.Id, null))
        {
            return new(null, null, $"{account.Name} does not curate source '{source.Id}'; an administrator can add it to the account's sources", true);
        }
        if (!Kinds.Contains(source.Kind))
        {
            return new(null, null, $"kind '{source.Kind}' is not one of {string.Join(", ", Kinds)}", false);
        }
        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out _))
        {
            return new(null, null, $"url '{source.Url}' is not an absolute http(s) URL", false);
        }
        if (source.Problems() is { Count: > 0 } problems)
        {
            return new(null, null, string.Join("; ", problems), false);
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
            var saved = await registry.AddAsync(source, account.Name, answer, ct);
            await audit.RecordAsync(account.Name, "register-source", "source:" + source.Id, null, source, ct);
            return new(saved, answer, null, false);
        }
        catch (SourceRegistrationException e)
        {
            return new(null, answer, e.Message, false);
        }
    }
}
