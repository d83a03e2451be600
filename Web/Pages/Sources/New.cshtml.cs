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
    [BindProperty] public string Kind { get; set; } = Connectors.Tap.TapObsCoreKind.Key;
    [BindProperty] public new string? Url { get; set; }
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

    /// <summary>What was typed into a kind's option field, to show it again.</summary>
    public string? Typed(SourceFormField field) => Request.HasFormContentType ? Request.Form[field.InputName].FirstOrDefault() : null;

    private SourceDefinition? Definition()
    {
        if (SourceKinds.Find(Kind) is not { Registrable: true } kind)
        {
            Error = $"kind '{Kind}' is not one of {string.Join(", ", SourceRegistration.Kinds)}";
            return null;
        }
        var problems = new List<string>();
        var source = new SourceDefinition
        {
            Id = Id.Trim(),
            Title = Title?.Trim() ?? "",
            Kind = kind.Name,
            Url = Url?.Trim(),
            Schedule = Blank(Schedule),
            PageSize = kind.FormPageSize,
            Options = SourceForm.Bind(kind, name => Request.Form[name].FirstOrDefault(), problems),
        };
        if (Blank(MaxRecords) is { } max)
        {
            if (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                problems.Add($"the cap on records '{max}' is not a whole number");
            }
            source.MaxRecords = n;
        }
        if (problems.Count > 0)
        {
            Error = string.Join("; ", problems);
            return null;
        }
        return source;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
