using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Indexer.Accounts;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Sources;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiscoveryPortal.SearchApi;

/// <summary>A source with how its harvests are going.</summary>
public sealed record SourceStatus(SourceDefinition Source, string? Owner, bool Registered, bool Running, HarvestRun? LastRun, SourceProbeResult? Probe)
{
    /// <summary>
    /// The run under way, with its counts as of its last committed page; null when none is, or while the one starting
    /// has not been recorded yet (the last run is then the one before it).
    /// </summary>
    public HarvestRun? CurrentRun => Running && LastRun?.Status == HarvestRun.Running ? LastRun : null;
}

/// <summary>One source's status and its harvest history, newest first.</summary>
public sealed record SourceHistory(SourceStatus Status, IReadOnlyList<HarvestRun> Runs);

/// <summary>
/// Sources and their harvests: <c>GET /api/sources</c>, <c>GET /api/sources/{id}</c> (status and history),
/// <c>POST /api/sources/probe</c>, <c>POST /api/sources</c> (probed, then saved) and
/// <c>POST /api/sources/{id}/harvest</c> (harvest now; 409 while a run of it is under way).
/// </summary>
public static class SourceEndpoints
{
    public static IEndpointRouteBuilder MapSourceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sources", List).WithName("ListSources").WithTags("Sources").WithSummary("Every source, with its last harvest");
        app.MapGet("/api/sources/{id}", Get).WithName("GetSource").WithTags("Sources").WithSummary("One source's status and harvest history")
            .WithDescription("While a harvest runs, status.currentRun has its pages, rows read, rows stored and failed as of its last committed page; the source's page polls this.");
        app.MapPost("/api/sources/probe", Probe).RequireAuthorization(PortalSecurity.SourcesWrite).ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithName("ProbeSource").WithTags("Sources")
            .WithSummary("Ask a source what a harvest would ask, without saving it");
        app.MapPost("/api/sources", Register).RequireAuthorization(PortalSecurity.SourcesWrite).ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithName("RegisterSource").WithTags("Sources")
            .WithSummary("Register a TAP, Zenodo, STAC or OpenSearch source; it is probed before it is saved");
        app.MapPut("/api/sources/{id}", Change).RequireAuthorization(PortalSecurity.SourcesWrite).ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithName("ChangeSource").WithTags("Sources")
            .WithSummary("Change a registered source (probed again when what it reads changes)");
        app.MapDelete("/api/sources/{id}", Remove).RequireAuthorization(PortalSecurity.SourcesWrite).WithName("RemoveSource").WithTags("Sources")
            .WithSummary("Stop harvesting a registered source; its records stay unless ?withdrawRecords=true");
        app.MapPost("/api/sources/{id}/harvest", HarvestNow).RequireAuthorization(PortalSecurity.SourcesWrite).ProducesProblem(StatusCodes.Status409Conflict).WithName("HarvestNow").WithTags("Sources")
            .WithSummary("Start a harvest of the source now");
        return app;
    }

    /// <summary>Where one source's status and history are read (its page polls it while a harvest runs).</summary>
    public static string PathOf(string id) => "/api/sources/" + Uri.EscapeDataString(id);

    public static async Task<Ok<IReadOnlyList<SourceStatus>>> List(SourceRegistry registry, HarvestCoordinator coordinator, ICatalogStore catalog, CancellationToken ct) =>
        TypedResults.Ok(await SourceStatuses.ListAsync(registry, coordinator, catalog, ct));

    public static async Task<Results<Ok<SourceHistory>, NotFound>> Get(string id, SourceRegistry registry, HarvestCoordinator coordinator, ICatalogStore catalog, CancellationToken ct) =>
        await SourceStatuses.GetAsync(id, registry, coordinator, catalog, ct) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound();

    public static async Task<Results<Ok<SourceProbeResult>, ProblemHttpResult>> Probe(SourceDefinition source, SourceProbe probe, CancellationToken ct) =>
        SourceProbe.DescriptionProblems(source) is { Count: > 0 } problems
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The source is not described right.", detail: string.Join("; ", problems))
            : TypedResults.Ok(await probe.ProbeAsync(source, ct));

    public static async Task<Results<Created<SourceStatus>, ProblemHttpResult>> Register(SourceDefinition source, HttpContext context, SourceRegistration registration,
        HarvestCoordinator coordinator, CancellationToken ct)
    {
        var result = await registration.RegisterAsync(source, context.User.Account()!, ct);
        if (result.Saved is not { } saved)
        {
            return TypedResults.Problem(statusCode: result.Forbidden ? StatusCodes.Status403Forbidden : result.Probe is null ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
                title: result.Forbidden ? "Not yours to register." : "The source was not saved.", detail: result.Refusal,
                extensions: new Dictionary<string, object?> { ["probe"] = result.Probe });
        }
        return TypedResults.Created(PathOf(saved.Definition.Id), SourceStatuses.Of(saved.Definition, saved, coordinator, null));
    }

    public static async Task<Results<Ok<SourceStatus>, ProblemHttpResult>> Change(string id, SourceDefinition source, HttpContext context, SourceRegistration registration,
        HarvestCoordinator coordinator, CancellationToken ct)
    {
        if (!string.Equals(source.Id.Trim(), id, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The ids differ.", detail: $"The path names '{id}', the body '{source.Id}'.");
        }
        var result = await registration.UpdateAsync(source, context.User.Account()!, ct);
        return result.Saved is { } saved ? TypedResults.Ok(SourceStatuses.Of(saved.Definition, saved, coordinator, null)) : Refused(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(string id, HttpContext context, SourceRegistration registration, bool? withdrawRecords, CancellationToken ct)
    {
        var result = await registration.RemoveAsync(id, context.User.Account()!, ct, withdrawRecords == true);
        return result.Ok ? TypedResults.NoContent() : Refused(result);
    }

    private static ProblemHttpResult Refused(SourceRegistrationResult result) =>
        TypedResults.Problem(
            statusCode: result.Forbidden ? StatusCodes.Status403Forbidden : result.NotFound ? StatusCodes.Status404NotFound : result.Probe is null ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
            title: result.Forbidden ? "Not yours to change." : "The source was not changed.", detail: result.Refusal,
            extensions: new Dictionary<string, object?> { ["probe"] = result.Probe });

    public static async Task<Results<Accepted<SourceStatus>, ProblemHttpResult, NotFound>> HarvestNow(string id, HttpContext context, SourceRegistry registry,
        HarvestCoordinator coordinator, AuditLog audit, CancellationToken ct)
    {
        if (await registry.DefinitionAsync(id, ct) is not { } source)
        {
            return TypedResults.NotFound();
        }
        var account = context.User.Account()!;
        if (!account.MayChange(source.Id, null))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to harvest.", detail: $"{account.Name} does not curate source '{source.Id}'.");
        }
        if (!coordinator.TryStart(source.Id, out _))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A harvest is under way.", detail: $"'{source.Id}' is being harvested; its status page shows the run when it ends.");
        }
        await audit.RecordAsync(account.Name, "harvest-now", "source:" + source.Id, null, null, ct);
        var registered = await registry.FindAsync(source.Id, ct);
        return TypedResults.Accepted(PathOf(source.Id), SourceStatuses.Of(source, registered, coordinator, null));
    }
}

/// <summary>Reads sources with their harvest state, for the API and the portal's status pages alike.</summary>
public static class SourceStatuses
{
    public static async Task<IReadOnlyList<SourceStatus>> ListAsync(SourceRegistry registry, HarvestCoordinator coordinator, ICatalogStore catalog, CancellationToken ct)
    {
        var registered = (await registry.RegisteredAsync(ct)).ToDictionary(r => r.Definition.Id, StringComparer.OrdinalIgnoreCase);
        var list = new List<SourceStatus>();
        foreach (var source in (await registry.AllAsync(ct: ct)).Sources)
        {
            // Each source's own last run (an indexed lookup): a window of the latest runs of all would miss quiet sources.
            var running = coordinator.IsRunning(source.Id);
            var last = (await catalog.RecentHarvestsAsync(source.Id, 1, ct)).FirstOrDefault();
            list.Add(Of(source, registered.GetValueOrDefault(source.Id), running, last));
        }
        return list;
    }

    public static async Task<SourceHistory?> GetAsync(string id, SourceRegistry registry, HarvestCoordinator coordinator, ICatalogStore catalog, CancellationToken ct)
    {
        if (await registry.DefinitionAsync(id, ct) is not { } source)
        {
            return null;
        }
        var running = coordinator.IsRunning(source.Id);
        var runs = await catalog.RecentHarvestsAsync(source.Id, 100, ct);
        return new SourceHistory(Of(source, await registry.FindAsync(source.Id, ct), running, runs.FirstOrDefault()), runs);
    }

    public static SourceStatus Of(SourceDefinition source, RegisteredSource? registered, HarvestCoordinator coordinator, HarvestRun? last) =>
        Of(source, registered, coordinator.IsRunning(source.Id), last);

    /// <summary>
    /// A status whose <paramref name="running"/> was read before <paramref name="last"/>: a run ends in the catalogue before
    /// the coordinator lets it go, so a status that says none is running has the ended run's final figures.
    /// </summary>
    private static SourceStatus Of(SourceDefinition source, RegisteredSource? registered, bool running, HarvestRun? last) =>
        new(source, registered?.Owner, registered is not null, running, last, registered?.Probe);
}
