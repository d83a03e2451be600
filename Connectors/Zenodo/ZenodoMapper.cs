using System.Text.Json;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Zenodo;

/// <summary>What became of one Zenodo hit: a record, a withdrawal (restricted or closed), a skipped older version, or a failure.</summary>
public sealed record ZenodoEntry(AssetRecord? Record, string? WithdrawnId, HarvestFailure? Failure)
{
    public static ZenodoEntry Skipped { get; } = new(null, null, null);
}

/// <summary>
/// Maps one Zenodo record (the REST API's JSON, in both the current and the legacy shape) to the
/// record model. The id is the concept record id, so every version of a deposit is one asset that a
/// new version updates; only the latest version is indexed.
/// </summary>
public sealed class ZenodoMapper(string sourceId, string sourceTitle, string domain, MissionVocabulary missions, TimeProvider clock)
{
    private static readonly string[] NotOpen = ["restricted", "closed", "embargoed"];

    public ZenodoEntry Map(JsonElement hit, string where)
    {
        var recid = hit.Text("id") ?? hit.Text("recid");
        var concept = hit.Text("conceptrecid") ?? hit.Text("parent", "id") ?? recid;
        if (concept is null || hit.ValueKind != JsonValueKind.Object)
        {
            return Fail(where, "has no id or conceptrecid", hit);
        }
        var id = $"{sourceId}:{concept}";
        var metadata = hit.At("metadata");
        var access = hit.Text("access", "record") ?? metadata?.Text("access_right");
        if (access is not null && NotOpen.Contains(access, StringComparer.OrdinalIgnoreCase))
        {
            return new ZenodoEntry(null, id, null);
        }
        if (metadata is not { } md)
        {
            return Fail(where, $"record {recid} has no metadata", hit);
        }
        // Search answers carry only the latest version; a single-record answer may be an older one.
        if (md.Items("relations", "version").Any(v => v.At("is_last") is { ValueKind: JsonValueKind.False }))
        {
            return ZenodoEntry.Skipped;
        }
        var title = md.Text("title") ?? hit.Text("title");
        if (title is null)
        {
            return Fail(where, $"record {recid} has no title", hit);
        }
        var (html, text) = HtmlSanitiser.Sanitise(md.Text("description") ?? "");
        var resourceType = md.Text("resource_type", "type") ?? md.Text("resource_type", "id") ?? "other";
        var keywords = md.Texts("keywords").Concat(md.Items("subjects").Select(s => s.Text("subject") ?? s.Text("term")).OfType<string>())
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var files = hit.Items("files").Select(File).OfType<AccessLink>().ToList();
        var repository = md.Items("related_identifiers").Select(r => r.Text("identifier")).OfType<string>().FirstOrDefault(IsCodeRepository);
        var details = new Dictionary<string, string> { ["resource type"] = resourceType };
        if (hit.Text("conceptdoi") is { } conceptDoi)
        {
            details["concept DOI"] = conceptDoi;
        }
        if (md.Text("version") is { } version)
        {
            details["version"] = version;
        }
        if (repository is not null)
        {
            details["code repository"] = repository;
        }
        if (md.Items("communities").Select(c => c.Text("id")).OfType<string>().ToList() is { Count: > 0 } communities)
        {
            details["communities"] = string.Join(", ", communities);
        }
        var (interfaceType, runtime) = ToolHints(keywords, files);
        if (interfaceType is not null)
        {
            details["interface"] = interfaceType;
        }
        if (runtime is not null)
        {
            details["runtime"] = runtime;
        }
        var assetType = resourceType.ToLowerInvariant() switch
        {
            "software" => AssetType.Software,
            "dataset" => AssetType.Dataset,
            "workflow" => AssetType.Software,
            _ => AssetType.Document,
        };
        var mission = keywords.Select(missions.Resolve).FirstOrDefault(m => m is not null);
        var updated = hit.Time("updated") ?? hit.Time("modified") ?? md.Time("publication_date");
        var landing = hit.Text("links", "self_html") ?? hit.Text("links", "html") ?? (recid is null ? null : $"https://zenodo.org/records/{recid}");
        var record = new AssetRecord
        {
            Id = id,
            SourceId = sourceId,
            Title = title,
            Description = text,
            DescriptionHtml = string.IsNullOrEmpty(html) ? null : html,
            Domain = mission?.Domain ?? domain,
            Mission = mission?.Name,
            MissionFamily = mission?.Family,
            AssetType = assetType,
            ProductTypes = assetType == AssetType.Software && interfaceType == "notebook" ? ["notebook"] : assetType == AssetType.Software ? ["code"] : [],
            Formats = files.Select(f => f.Format).OfType<string>().Distinct().ToList(),
            Authors = md.Items("creators").Select(Creator).OfType<Person>().ToList(),
            Keywords = keywords,
            License = md.Text("license", "id") ?? md.Text("license"),
            Doi = md.Text("doi") ?? hit.Text("doi"),
            LandingPage = RecordValidator.IsHttpUrl(landing) ? landing : null,
            Access = files,
            Quicklook = Picture(hit, files),
            Published = updated,
            Details = details,
            Tool = interfaceType is null || assetType != AssetType.Software ? null : new ToolProfile
            {
                Interface = interfaceType,
                Runtime = runtime,
                Version = md.Text("version"),
                Launch = repository is not null ? "binderhub" : "url",
            },
            HarvestedAt = clock.GetUtcNow(),
            NativeHash = NativeHash.Of(hit.GetRawText()),
        };
        return new ZenodoEntry(record, null, null);
    }

    /// <summary>The asset id a hit has, whatever else is wrong with it.</summary>
    public string? IdOf(JsonElement hit) =>
        hit.ValueKind == JsonValueKind.Object && (hit.Text("conceptrecid") ?? hit.Text("id")) is { } native ? $"{sourceId}:{native}" : null;

    private ZenodoEntry Fail(string where, string reason, JsonElement hit) =>
        new(null, null, new HarvestFailure(where, $"{sourceTitle}: {reason}", Http.SourceClient.Sample(hit.GetRawText())));

    private static Person? Creator(JsonElement creator)
    {
        // Current shape: {person_or_org: {name, identifiers}, affiliations: [{name}]}; legacy: {name, orcid, affiliation}.
        var name = creator.Text("name") ?? creator.Text("person_or_org", "name");
        if (name is null)
        {
            return null;
        }
        var orcid = creator.Text("orcid")
            ?? creator.Items("person_or_org", "identifiers").FirstOrDefault(i => i.Text("scheme") == "orcid").Text("identifier");
        var affiliation = creator.Text("affiliation") ?? creator.Items("affiliations").Select(a => a.Text("name")).FirstOrDefault(a => a is not null);
        return new Person(name, orcid, affiliation);
    }

    private static AccessLink? File(JsonElement file)
    {
        var name = file.Text("filename") ?? file.Text("key");
        var url = file.Text("links", "download") ?? file.Text("links", "content") ?? file.Text("links", "self");
        if (!RecordValidator.IsHttpUrl(url))
        {
            return null;
        }
        var checksum = file.Text("checksum");
        if (checksum is not null && !checksum.Contains(':', StringComparison.Ordinal))
        {
            checksum = "md5:" + checksum; // The current API gives the bare MD5; the legacy one prefixed it.
        }
        var format = MediaTypes.OfFileName(name) ?? MediaTypes.Normalise(file.Text("type"));
        return new AccessLink(url!, name, format, file.Integer("filesize") ?? file.Integer("size"), checksum);
    }

    /// <summary>
    /// A deposit's picture: the 250-pixel thumbnail Zenodo makes of its first image (<c>links.thumb250</c>), else the first
    /// file that is a PNG, JPEG, GIF or WebP image itself.
    /// </summary>
    private static Quicklook? Picture(JsonElement hit, IReadOnlyList<AccessLink> files) =>
        files.Any(f => Quicklook.IsImageType(f.Format)) && Quicklook.From(hit.Text("links", "thumb250"), QuicklookRole.Thumbnail, "image/jpeg") is { } thumbnail
            ? thumbnail
            : files.Where(f => Quicklook.IsImageType(f.Format)).Select(f => Quicklook.From(f.Url, QuicklookRole.Preview, f.Format, f.SizeBytes)).FirstOrDefault(q => q is not null);

    /// <summary>GitHub and GitLab repositories, which Binder can build.</summary>
    public static bool IsCodeRepository(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
        && (uri.Host is "github.com" or "gitlab.com" || uri.Host.StartsWith("gitlab.", StringComparison.Ordinal))
        && uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Length >= 2;

    /// <summary>The interface type and runtime a deposit names in its keywords or files, as ESAP reads them.</summary>
    public static (string? Interface, string? Runtime) ToolHints(IReadOnlyList<string> keywords, IReadOnlyList<AccessLink> files)
    {
        // Whole words only: "linguistics" must not read as "gui".
        var phrases = keywords.Select(k => " " + string.Join(' ', k.ToLowerInvariant().Split(k.Where(c => !char.IsLetterOrDigit(c) && c != '+').Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries)) + " ").ToList();
        var words = keywords.Select(k => k.Trim().ToLowerInvariant()).ToList();
        bool Any(params string[] terms) => phrases.Any(p => terms.Any(t => p.Contains(" " + t + " ", StringComparison.Ordinal)));
        string? interfaceType =
            Any("jupyter", "notebook") || files.Any(f => f.Format == "application/x-ipynb+json") ? "notebook"
            : Any("command line", "cli") ? "cli"
            : Any("web application", "web service", "webapp", "web app") ? "web"
            : Any("desktop", "gui") ? "desktop"
            : null;
        string? runtime = words.FirstOrDefault(w => w is "python" or "python3" or "java" or "julia" or "c++" or "r" or "idl" or "docker" or "singularity" or "conda");
        return (interfaceType, runtime);
    }
}
