using System.Runtime.CompilerServices;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>
/// Harvests a RegTAP registry: <c>rr.resource</c> in keyset pages by ivoid (incrementally by its
/// <c>updated</c> column), with each page's subjects, roles, capabilities and interfaces fetched for
/// the page's ivoids. Services become service assets with their endpoints as access links; data
/// collections and catalogues become datasets.
/// </summary>
public sealed class RegTapConnector(TapClient client, string sourceId, TimeProvider clock, int pageSize = 500) : IHarvestConnector
{
    /// <summary>Standard ids of the interfaces worth offering, with the name shown for them.</summary>
    private static readonly Dictionary<string, string> Standards = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ivo://ivoa.net/std/tap"] = "TAP",
        ["ivo://ivoa.net/std/sia"] = "SIA",
        ["ivo://ivoa.net/std/sia#query-2.0"] = "SIA 2",
        ["ivo://ivoa.net/std/ssa"] = "SSA",
        ["ivo://ivoa.net/std/conesearch"] = "Cone search",
        ["ivo://ivoa.net/std/slap"] = "SLAP",
        ["ivo://ivoa.net/std/datalink#links-1.0"] = "DataLink",
        ["ivo://ivoa.net/std/soda#sync-1.0"] = "SODA",
        ["ivo://ivoa.net/std/tap#aux"] = "TAP",
    };

    public bool SupportsIncremental => true;

    public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var after = cursor.AfterKey;
        var page = 0;
        while (true)
        {
            page++;
            var query = AdqlQuery.From("rr.resource").Top(pageSize).OrderBy("ivoid");
            if (after is not null)
            {
                query.Where("ivoid", AdqlComparison.Greater, after);
            }
            if (cursor.ModifiedSince is { } since)
            {
                query.Where("updated", AdqlComparison.Greater, since);
            }
            VoTableDocument resources;
            Dictionary<string, List<VoRow>> subjects, roles;
            Dictionary<string, List<Endpoint>> interfaces;
            try
            {
                resources = await client.QueryAsync(query, pageSize, ct);
                var ivoids = resources.Tables.Count == 0 ? [] : VoRow.Of(resources.Tables[0].Meta, resources.Tables[0].Rows).Select(r => r.Text("ivoid")).OfType<string>().ToList();
                subjects = await RelatedAsync("rr.res_subject", ivoids, ct);
                roles = await RelatedAsync("rr.res_role", ivoids, ct);
                interfaces = await InterfacesAsync(ivoids, ct);
            }
            catch (Exception e) when (e is VoTableFormatException or VoTableQueryException or TapServiceException)
            {
                throw new HarvestPageException($"registry page {page} (after '{after ?? "start"}'): {e.Message}", query.ToAdql(), e);
            }
            if (resources.Tables.Count == 0)
            {
                yield break;
            }
            var (meta, cells) = resources.Tables[0];
            var records = new List<AssetRecord>();
            var failures = new List<HarvestFailure>();
            DateTimeOffset? newest = null;
            string? last = null;
            var n = 0;
            foreach (var row in VoRow.Of(meta, cells))
            {
                n++;
                var ivoid = row.Text("ivoid");
                if (ivoid is null)
                {
                    failures.Add(new HarvestFailure($"registry page {page}, row {n}", "the row has no ivoid", row.Describe(400)));
                    continue;
                }
                last = ivoid;
                var updated = row.Timestamp("updated");
                if (updated is not null && (newest is null || updated > newest))
                {
                    newest = updated;
                }
                var title = row.Text("res_title");
                if (title is null)
                {
                    failures.Add(new HarvestFailure($"registry page {page}, row {n}", "the resource has no title", row.Describe(400)));
                    continue;
                }
                records.Add(Build(row, ivoid, title, updated, subjects.GetValueOrDefault(ivoid) ?? [], roles.GetValueOrDefault(ivoid) ?? [], interfaces.GetValueOrDefault(ivoid) ?? []));
            }
            yield return new HarvestPage(records, failures, last, newest);
            if ((cells.Count < pageSize && !resources.Overflow) || last is null)
            {
                yield break;
            }
            after = last;
        }
    }

    public async IAsyncEnumerable<string>? CurrentIdsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var ivoid in client.KeysAsync("rr.resource", "ivoid", ct))
        {
            yield return $"{sourceId}:{ivoid}";
        }
    }

    public Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AssetRecord>>([]);

    private AssetRecord Build(VoRow row, string ivoid, string title, DateTimeOffset? updated, List<VoRow> subjects, List<VoRow> roles, List<Endpoint> interfaces)
    {
        var type = row.Text("res_type") ?? "";
        var isService = type.EndsWith("service", StringComparison.OrdinalIgnoreCase) || type is "vs:dataservice" or "vr:service" or "vg:registry";
        var creators = (row.Text("creator_seq") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var roleCreators = roles.Where(r => r.Text("base_role") == "creator").Select(r => r.Text("role_name")).OfType<string>();
        var publisher = roles.FirstOrDefault(r => r.Text("base_role") == "publisher").Text("role_name");
        // Standard interfaces first, under the protocol's name; the others are web pages.
        var access = interfaces
            .Where(i => RecordValidator.IsHttpUrl(i.Url))
            .OrderBy(i => i.Role == "std" ? 0 : 1)
            .Select(i => i.Role == "std"
                ? new AccessLink(i.Url!, Standards.GetValueOrDefault(i.Standard ?? "") ?? i.Standard, null)
                : new AccessLink(i.Url!, "Web page", "text/html"))
            .DistinctBy(a => a.Url)
            .ToList();
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["ivoid"] = ivoid, ["resource type"] = type };
        if (row.Text("content_level") is { } level)
        {
            details["content level"] = level.Replace('#', ',');
        }
        if (publisher is not null)
        {
            details["publisher"] = publisher;
        }
        if (row.Text("created") is { } created)
        {
            details["created"] = created;
        }
        foreach (var standard in interfaces.Select(i => i.Standard).OfType<string>().Where(Standards.ContainsKey).Distinct())
        {
            details[$"endpoint {Standards[standard]}"] = interfaces.First(i => i.Standard == standard).Url ?? "";
        }
        return new AssetRecord
        {
            Id = $"{sourceId}:{ivoid}",
            SourceId = sourceId,
            Title = title,
            Description = row.Text("res_description") ?? title,
            Domain = Domains.SpaceScience,
            AssetType = isService ? AssetType.Service : AssetType.Dataset,
            ProductTypes = type.Contains("catalog", StringComparison.OrdinalIgnoreCase) ? ["catalog"] : [],
            Authors = creators.Concat(roleCreators).Distinct(StringComparer.OrdinalIgnoreCase).Select(n => new Person(n)).ToList(),
            Keywords = subjects.Select(s => s.Text("res_subject")).OfType<string>().ToList(),
            LandingPage = row.Text("reference_url") is { } reference && RecordValidator.IsHttpUrl(reference) ? reference : null,
            Access = access,
            Wavebands = (row.Text("waveband") ?? "").Split('#', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            License = row.Text("rights_uri") ?? row.Text("rights"),
            Published = updated,
            Details = details,
            HarvestedAt = clock.GetUtcNow(),
            NativeHash = string.Join('|', new[] { row.Hash() }.Concat(subjects.Concat(roles).Select(r => r.Hash())).Concat(interfaces.Select(i => i.Hash))),
        };
    }

    private async Task<Dictionary<string, List<VoRow>>> RelatedAsync(string table, IReadOnlyList<string> ivoids, CancellationToken ct)
    {
        if (ivoids.Count == 0)
        {
            return [];
        }
        var document = await client.QueryAsync(AdqlQuery.From(table).WhereIn("ivoid", ivoids), 100_000, ct);
        return Group(document);
    }

    /// <summary>An interface of a resource with the standard of the capability it belongs to.</summary>
    private sealed record Endpoint(string? Url, string? Role, string? Standard, string Hash);

    private async Task<Dictionary<string, List<Endpoint>>> InterfacesAsync(IReadOnlyList<string> ivoids, CancellationToken ct)
    {
        if (ivoids.Count == 0)
        {
            return [];
        }
        var capabilities = Group(await client.QueryAsync(AdqlQuery.From("rr.capability").WhereIn("ivoid", ivoids), 100_000, ct));
        var interfaces = Group(await client.QueryAsync(AdqlQuery.From("rr.interface").WhereIn("ivoid", ivoids), 100_000, ct));
        // Join in memory: the standard id lives on the capability, the URL on the interface.
        var joined = new Dictionary<string, List<Endpoint>>(StringComparer.Ordinal);
        foreach (var (ivoid, rows) in interfaces)
        {
            var caps = capabilities.GetValueOrDefault(ivoid) ?? [];
            joined[ivoid] = rows.Select(i =>
            {
                var standard = caps.FirstOrDefault(c => c.Integer("cap_index") == i.Integer("cap_index")).Text("standard_id");
                return new Endpoint(i.Text("access_url"), i.Text("intf_role"), standard, i.Hash() + standard);
            }).ToList();
        }
        return joined;
    }

    private static Dictionary<string, List<VoRow>> Group(VoTableDocument document)
    {
        if (document.Tables.Count == 0)
        {
            return [];
        }
        var (meta, rows) = document.Tables[0];
        return VoRow.Of(meta, rows).Where(r => r.Text("ivoid") is not null)
            .GroupBy(r => r.Text("ivoid")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

}
