using System.Globalization;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Indexer.Sources;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Sources;

/// <summary>
/// Register a source: "Probe" asks the service what a harvest would and shows the answer; "Register"
/// probes again and saves the source only if it could be read.
/// </summary>
[Authorize(Policy = PortalSecurity.SourcesWrite)]
public sealed class NewModel(SourceProbe probe, SourceRegistration registration) : PageModel
{
    [BindProperty] public string Id { get; set; } = "";
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string Kind { get; set; } = SourceKinds.TapObsCore;
    [BindProperty] public new string? Url { get; set; }
    [BindProperty] public string? Table { get; set; }
    [BindProperty] public string? KeyColumn { get; set; }
    [BindProperty] public string? ModifiedColumn { get; set; }
    [BindProperty] public string? Community { get; set; }
    [BindProperty] public string? ResourceType { get; set; }
    [BindProperty] public string? Query { get; set; }
    [BindProperty] public string? Collections { get; set; }
    [BindProperty] public string? Bbox { get; set; }
    [BindProperty] public string? Datetime { get; set; }
    [BindProperty] public string? MaxRecords { get; set; }
    [BindProperty] public string? Schedule { get; set; }

    public SourceProbeResult? Probe { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() => Id = User.Account()?.Sources.FirstOrDefault() ?? "";

    public async Task<IActionResult> OnPostProbeAsync(CancellationToken ct)
    {
        if (Definition() is { } source)
        {
            Probe = await probe.ProbeAsync(source, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        if (Definition() is not { } source)
        {
            return Page();
        }
        var result = await registration.RegisterAsync(source, User.Account()!, ct);
        if (result.Saved is { } saved)
        {
            return LocalRedirect($"/sources/{Uri.EscapeDataString(saved.Definition.Id)}");
        }
        Probe = result.Probe;
        Error = result.Refusal;
        Response.StatusCode = result.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private SourceDefinition? Definition()
    {
        var source = new SourceDefinition
        {
            Id = Id.Trim(),
            Title = Title?.Trim() ?? "",
            Kind = Kind,
            Url = Url?.Trim(),
            Community = Blank(Community),
            ResourceType = Blank(ResourceType),
            Query = Blank(Query),
            Collections = Collections?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [],
            Datetime = Blank(Datetime),
            Schedule = Blank(Schedule),
            ModifiedColumn = Blank(ModifiedColumn),
            PageSize = Kind == SourceKinds.Zenodo ? 25 : 500,
        };
        if (Blank(Table) is { } table)
        {
            source.Table = table;
        }
        if (Blank(KeyColumn) is { } key)
        {
            source.KeyColumn = key;
        }
        if (Blank(Bbox) is { } bbox)
        {
            var parts = bbox.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 4 || parts.Any(p => !double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                Error = $"box '{bbox}' is not four numbers west,south,east,north";
                return null;
            }
            source.Bbox = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToList();
        }
        if (Blank(MaxRecords) is { } max)
        {
            if (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                Error = $"the cap on records '{max}' is not a whole number";
                return null;
            }
            source.MaxRecords = n;
        }
        return source;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
