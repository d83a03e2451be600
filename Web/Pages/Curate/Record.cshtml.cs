using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Curation;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DiscoveryPortal.Web.Pages.Curate;

/// <summary>
/// Register a record by form, or correct one (<c>?id=</c>): the fields of the record model with the shared
/// vocabularies as choices and known missions and instruments suggested; each problem is shown beside
/// its field, and a saved record is in search when its page opens.
/// </summary>
[Authorize(Policy = PortalSecurity.AssetsWrite)]
public sealed class RecordModel(ICatalogStore catalog, RecordCuration curation, ICurationStore curations, MissionVocabulary missions, ISearchIndex index) : PageModel
{
    [BindProperty]
    public RecordForm Form { get; set; } = new();

    /// <summary>The record being corrected, or null when registering.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    public Dictionary<string, List<string>> Problems { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Refusal { get; private set; }
    public IReadOnlyList<string> SourceChoices { get; private set; } = [];
    public IReadOnlyList<string> MissionChoices { get; private set; } = [];
    public IReadOnlyList<string> InstrumentChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = User.Account()!;
        if (Id is not null)
        {
            if (await EditableAsync(Id, ct) is not { } stored)
            {
                return NotFound();
            }
            if (!me.MayChange(stored.SourceId, stored.Mission))
            {
                return Forbid();
            }
            Form = RecordForm.From(stored);
        }
        else
        {
            Form.Source = me.Sources.FirstOrDefault() ?? "";
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = User.Account()!;
        var existing = Id is null ? null : await EditableAsync(Id, ct);
        var problems = new List<RecordProblem>();
        var record = Form.ToRecord(existing, problems);
        CurationResult? result = null;
        if (problems.Count == 0)
        {
            result = Id is null ? await curation.RegisterAsync(record, me, ct) : await curation.ReplaceAsync(Id, record, me, ct);
            if (result.Outcome == CurationOutcome.Done)
            {
                return LocalRedirect($"/assets/{Uri.EscapeDataString(record.Id)}?saved=1");
            }
            problems.AddRange(result.Problems);
        }
        foreach (var p in problems)
        {
            (Problems.TryGetValue(FieldOf(p.Field), out var list) ? list : Problems[FieldOf(p.Field)] = []).Add(p.Reason);
        }
        Refusal = result?.Outcome is CurationOutcome.Forbidden or CurationOutcome.Conflict or CurationOutcome.NotFound ? result.Message : null;
        Response.StatusCode = result?.Outcome switch
        {
            CurationOutcome.Forbidden => StatusCodes.Status403Forbidden,
            CurationOutcome.Conflict => StatusCodes.Status409Conflict,
            CurationOutcome.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>
    /// The record as its team registered it: the stored record, or for a registration merged into a
    /// harvested record's asset, the registered fields under the registered id.
    /// </summary>
    private async Task<AssetRecord?> EditableAsync(string id, CancellationToken ct)
    {
        if (await curations.ByRegisteredIdAsync(id, ct) is { OverHarvest: true } merged)
        {
            var source = merged.RegisteredSourceId;
            return CuratedFields.Apply(new AssetRecord { Id = id, SourceId = source, Title = "" }, merged.Fields) with { Id = id, SourceId = source };
        }
        return (await catalog.GetAsync(id, ct))?.Record;
    }

    /// <summary>The problems of one field, for the line beside it.</summary>
    public string? ProblemOf(string field) => Problems.TryGetValue(field, out var list) ? string.Join("; ", list) : null;

    /// <summary>The form field a problem of the record model belongs to.</summary>
    private static string FieldOf(string field) => field switch
    {
        "sky" or "ra" or "dec" or "radius" => "sky",
        "time" or "start" or "end" => "time",
        "access" => "accessUrl",
        _ => field,
    };

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var me = User.Account()!;
        SourceChoices = me.Sources;
        MissionChoices = missions.Missions.Select(m => m.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var instruments = await index.SearchAsync(new SearchRequest { Size = 1, FacetDimensions = [FacetDimensions.Instrument], FacetLimit = 300 }, ct);
        InstrumentChoices = instruments.Facets.SelectMany(f => f.Values).Select(v => v.Value).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
