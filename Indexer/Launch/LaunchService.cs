using System.Diagnostics;
using DiscoveryPortal.Connectors.Compute;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Indexer.Launch;

/// <summary>What a launch asks for: a tool, a facility, the records, and the facility user to launch as.</summary>
public sealed record LaunchRequest(string ToolId, string FacilityId, IReadOnlyList<string> AssetIds, string? User);

/// <summary>
/// What came of a launch: the record kept in the history, the frozen manifest, and how to open the
/// session (a URL, or the SAMP messages the browser sends to the researcher's hub).
/// </summary>
public sealed record LaunchOutcome(LaunchRecord Launch, DataManifest Manifest, Uri? OpenUrl, IReadOnlyList<SampMessage> Samp);

/// <summary>A SAMP message for the researcher's desktop tool: its MType and the parameters.</summary>
public sealed record SampMessage(string MType, string Url, string Name);

/// <summary>A launch request the portal cannot carry out, with the reason in words; nothing was started.</summary>
public sealed class LaunchRefusedException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}

/// <summary>
/// Matches tools to selections, freezes a selection into a data manifest and launches the tool on a
/// facility through its adapter in Connectors/Compute. A facility that is down or refuses leaves a
/// failed launch in the history and the manifest in place for a retry.
/// </summary>
public sealed class LaunchService(ICatalogStore catalog, ILaunchStore store, ResolvedPaths paths, IHttpClientFactory http, TimeProvider clock)
{
    public const string HttpClientName = "launch";

    /// <summary>The most items one launch or manifest may hold.</summary>
    public const int MaxItems = 10_000;

    public FacilityFile Facilities() => File.Exists(paths.Facilities) ? FacilityFile.Load(paths.Facilities) : new FacilityFile();

    public async Task<IReadOnlyList<ToolOffer>> ToolsForAsync(IReadOnlyList<string> assetIds, CancellationToken ct)
    {
        var selection = await LoadAsync(assetIds, ct);
        return ToolMatcher.Match(selection, await catalog.ToolsAsync(ct), Facilities().Facilities);
    }

    /// <summary>The offers for each of many records at once (a page of hits), reading tools and facilities once.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ToolOffer>>> ToolsForEachAsync(IReadOnlyList<AssetRecord> records, CancellationToken ct)
    {
        var tools = await catalog.ToolsAsync(ct);
        var facilities = Facilities().Facilities;
        return records.ToDictionary(r => r.Id, r => ToolMatcher.Match([r], tools, facilities), StringComparer.Ordinal);
    }

    public async Task<LaunchOutcome> LaunchAsync(LaunchRequest request, Func<string, Uri> manifestUrlOf, CancellationToken ct)
    {
        var selection = await LoadAsync(request.AssetIds, ct);
        var facilities = Facilities();
        var facility = facilities.Find(request.FacilityId) ?? throw new LaunchRefusedException($"no facility '{request.FacilityId}'; known: {string.Join(", ", facilities.Facilities.Select(f => f.Id))}", notFound: true);
        var tool = (await catalog.GetAsync(request.ToolId, ct))?.Record;
        if (tool?.Tool is null)
        {
            throw new LaunchRefusedException($"'{request.ToolId}' is not a tool or datalab of the catalogue", notFound: true);
        }
        var offer = ToolMatcher.Match(selection, [tool], facilities.Facilities).FirstOrDefault();
        if (offer is null)
        {
            var unopened = selection.Where(item => !ToolMatcher.Opens(tool.Tool, item)).Select(i => i.Id).Take(5).ToList();
            throw new LaunchRefusedException(unopened.Count > 0
                ? $"{tool.Title} cannot open {string.Join(", ", unopened)} (product types or formats it does not read)"
                : $"no facility can run {tool.Title}");
        }
        if (offer.Facilities.All(f => f.FacilityId != facility.Id))
        {
            throw new LaunchRefusedException($"{facility.Title} cannot run {tool.Title}" + (tool.Tool.Gpu == GpuNeed.Required && !facility.OffersGpu ? ": the tool needs a GPU and the facility offers none" : $"; it runs on {string.Join(", ", offer.Facilities.Select(f => f.Title))}"));
        }

        var manifest = Freeze(selection, tool.Id);
        await store.SaveAsync(manifest, ct);
        var manifestUrl = manifestUrlOf(manifest.Id);
        var user = request.User ?? "portal-guest";
        var launchId = ILaunchStore.NewId();
        var started = clock.GetUtcNow();
        try
        {
            var (open, sessionUrl, readyMs, samp) = await StartAsync(facility, facilities, tool, user, launchId, manifest, manifestUrl, ct);
            var launch = new LaunchRecord(launchId, manifest.Id, tool.Id, facility.Id, user, "started", sessionUrl, null, started, readyMs);
            await store.RecordAsync(launch, ct);
            return new LaunchOutcome(launch, manifest, open, samp);
        }
        catch (LaunchException e)
        {
            var failed = new LaunchRecord(launchId, manifest.Id, tool.Id, facility.Id, user, "failed", null, e.Message, started, null);
            await store.RecordAsync(failed, CancellationToken.None);
            return new LaunchOutcome(failed, manifest, null, []);
        }
    }

    private async Task<(Uri? Open, string? SessionUrl, long? ReadyMs, IReadOnlyList<SampMessage> Samp)> StartAsync(
        FacilityDefinition facility, FacilityFile facilities, AssetRecord tool, string user, string launchId, DataManifest manifest, Uri manifestUrl, CancellationToken ct)
    {
        switch (facility.Kind)
        {
            case FacilityKinds.JupyterHub:
                var token = facilities.TokenOf(facility) ?? throw new LaunchException($"{facility.Title}: no API token is configured (tokenFile or tokenEnv)");
                var launcher = new JupyterHubLauncher(http.CreateClient(HttpClientName), new Uri(facility.Url!), token, clock);
                var watch = Stopwatch.StartNew();
                var session = await launcher.LaunchAsync(user, "launch-" + launchId[..10].ToLowerInvariant().Replace('_', '0').Replace('-', '0'),
                    manifestUrl, tool.Tool!.Gpu != GpuNeed.None && facility.OffersGpu ? facility.GpuProfile : null, null, ct);
                return (session.OpenUrl, session.OpenUrl.GetLeftPart(UriPartial.Path), watch.ElapsedMilliseconds, []);
            case FacilityKinds.BinderHub:
                var repository = tool.Details.GetValueOrDefault("code repository") ?? tool.Details.GetValueOrDefault("concept DOI") ?? tool.Doi
                    ?? throw new LaunchException($"{tool.Title} names no repository or DOI that BinderHub could build");
                var binder = BinderLinks.Build(new Uri(facility.Url!), repository, manifestUrl);
                return (binder, binder.ToString(), null, []);
            case FacilityKinds.UrlTemplate:
                var url = UrlTemplateLinks.Fill(facility.Template!, manifestUrl, manifest.Files.FirstOrDefault()?.Url, tool.Id);
                return (url, url.ToString(), null, []);
            case FacilityKinds.Samp:
                var messages = manifest.Files.Select(f => new SampMessage(SampMType(f.Format), f.Url, f.Name)).ToList();
                return (null, null, null, messages);
            default:
                throw new LaunchException($"{facility.Title}: kind '{facility.Kind}' cannot launch");
        }
    }

    private static string SampMType(string? format) => format switch
    {
        "application/fits" or "image/fits" => "image.load.fits",
        "application/x-votable+xml" => "table.load.votable",
        "text/csv" => "table.load.csv",
        _ => "table.load.votable",
    };

    private DataManifest Freeze(IReadOnlyList<AssetRecord> selection, string toolId)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<ManifestFile>();
        foreach (var item in selection)
        {
            foreach (var link in item.Access.Where(a => RecordValidator.IsHttpUrl(a.Url)))
            {
                files.Add(new ManifestFile(link.Url, UniqueName(link, item, names), item.Id, link.Format, link.SizeBytes, link.Checksum));
            }
        }
        var items = selection.Select(i => new ManifestItem(i.Id, i.Title, i.SourceId, i.Doi, i.LandingPage, i.ProductTypes)).ToList();
        return new DataManifest(ILaunchStore.NewId(), clock.GetUtcNow(), toolId, items, files);
    }

    /// <summary>A file name safe in any session folder, unique within the manifest.</summary>
    private static string UniqueName(AccessLink link, AssetRecord item, HashSet<string> taken)
    {
        var raw = Path.GetFileName(new Uri(link.Url).AbsolutePath);
        if (string.IsNullOrWhiteSpace(raw) || raw is "download" or "content")
        {
            raw = item.Id[(item.Id.IndexOf(':') + 1)..] + Extension(link.Format);
        }
        var safe = new string(raw.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).TrimStart('.', '-', '_');
        if (safe.Length == 0)
        {
            safe = "file";
        }
        safe = safe.Length > 120 ? safe[..120] : safe;
        var name = safe;
        for (var n = 2; !taken.Add(name); n++)
        {
            name = Path.GetFileNameWithoutExtension(safe) + "-" + n + Path.GetExtension(safe);
        }
        return name;
    }

    private static string Extension(string? format) => format switch
    {
        "application/fits" or "image/fits" => ".fits",
        "application/x-votable+xml" => ".vot",
        "application/zip" => ".zip",
        "text/csv" => ".csv",
        _ => "",
    };

    private async Task<IReadOnlyList<AssetRecord>> LoadAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            throw new LaunchRefusedException("the selection is empty");
        }
        if (ids.Count > MaxItems)
        {
            throw new LaunchRefusedException($"a selection holds at most {MaxItems:N0} items, not {ids.Count:N0}");
        }
        var records = new List<AssetRecord>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var stored = await catalog.GetAsync(id, ct);
            if (stored is null || stored.WithdrawnAt is not null)
            {
                throw new LaunchRefusedException($"no asset '{id}'", notFound: true);
            }
            records.Add(stored.Record);
        }
        return records;
    }
}
