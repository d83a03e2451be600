using System.Globalization;
using DiscoveryPortal.Connectors.VoTable;
using DiscoveryPortal.Indexer.Export;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.SearchApi.Formats;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DiscoveryPortal.SearchApi.ConeSearch;

/// <summary>
/// IVOA Simple Cone Search 1.03 at <c>/vo/scs</c>: every record whose sky footprint meets the cone
/// (<c>RA</c>, <c>DEC</c>, <c>SR</c> in degrees), through the same search as <c>/api/search</c> with
/// <c>ra</c>, <c>dec</c> and <c>radius</c>, and narrowed by the same facet parameters and words. Bad input
/// answers a 400 whose body is the cone search's error VOTable. VOSI capabilities and availability beside it.
/// </summary>
public static class ConeSearchEndpoints
{
    public const string Path = "/vo/scs";

    /// <summary>Most rows one answer holds; a larger result says OVERFLOW in its QUERY_STATUS.</summary>
    public const int MaxRecords = 10_000;

    public static IEndpointRouteBuilder MapConeSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Search)
            .RequireRateLimiting(SearchRateLimit.Policy)
            .RequireCors(ReadOnlyCors.Policy)
            .WithName("ConeSearch")
            .WithTags("Virtual Observatory")
            .WithSummary("IVOA Simple Cone Search 1.03")
            .WithDescription("RA, DEC and SR in degrees (ICRS); VERB=1|2|3 chooses the columns; facet parameters (mission, instrument, ...) and q narrow the records. " +
                "SR=0 answers the columns without rows. Errors are VOTables with an Error INFO.")
            .ProducesVoTable(StatusCodes.Status200OK, "The records whose sky footprint meets the cone")
            .ProducesVoTable(StatusCodes.Status400BadRequest, "The error VOTable: an Error INFO naming the parameter");
        app.MapGet(Path + "/capabilities", Capabilities)
            .RequireCors(ReadOnlyCors.Policy)
            .WithName("ConeSearchCapabilities").WithTags("Virtual Observatory").WithSummary("VOSI capabilities of the cone search")
            .Produces(StatusCodes.Status200OK, contentType: "text/xml");
        app.MapGet(Path + "/availability", Availability)
            .RequireCors(ReadOnlyCors.Policy)
            .WithName("ConeSearchAvailability").WithTags("Virtual Observatory").WithSummary("VOSI availability of the cone search")
            .Produces(StatusCodes.Status200OK, contentType: "text/xml");
        return app;
    }

    // One cone's records as a VOTable, or the error VOTable naming the parameter that is wrong.
    public static async Task<FileContentHttpResult> Search(HttpContext http, ISearchIndex index, CancellationToken ct)
    {
        var parameters = http.Request.Query;
        var problems = new List<string>();
        var ra = Degrees(parameters, "RA", -360, 360, problems);
        var dec = Degrees(parameters, "DEC", -90, 90, problems);
        var sr = Degrees(parameters, "SR", 0, 180, problems);
        var verbosity = 2;
        if (parameters.TryGetValue("VERB", out var verb) && !string.IsNullOrWhiteSpace(verb) && !(int.TryParse(verb, NumberStyles.None, CultureInfo.InvariantCulture, out verbosity) && verbosity is >= 1 and <= 3))
        {
            problems.Add($"VERB: '{Short(verb.ToString())}' is not 1, 2 or 3.");
        }
        // Paging and sorting belong to /api/search; the rest of its parameters narrow the cone.
        var query = SearchQuery.From(parameters);
        var coneGiven = problems.Count == 0 && sr > 0;
        query.Ra = coneGiven ? ra!.Value.ToString("R", CultureInfo.InvariantCulture) : null;
        query.Dec = coneGiven ? dec!.Value.ToString("R", CultureInfo.InvariantCulture) : null;
        query.Radius = coneGiven ? sr!.Value.ToString("R", CultureInfo.InvariantCulture) : null;
        query.Size = query.Cursor = query.Sort = null;
        var request = query.ToRequest(out var errors);
        problems.AddRange(errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        if (problems.Count > 0 || request is null || ra is null || dec is null || sr is null)
        {
            return Error(http, string.Join(" ", problems));
        }

        var cone = new Cone(((ra.Value % 360) + 360) % 360, dec.Value, sr.Value);
        var columns = ConeSearchTable.Columns(verbosity);
        var infos = new List<VoInfo>();
        IReadOnlyList<ConeRow> rows = [];
        if (sr > 0)
        {
            var result = await index.SearchAsync(request with { Size = MaxRecords, FacetDimensions = [] }, ct);
            rows = result.Hits.Select(h => ConeSearchTable.Row(h, cone)).OrderBy(r => r.Distance).ToList();
            infos.Add(result.Total > rows.Count
                ? new VoInfo("QUERY_STATUS", "OVERFLOW", $"{result.Total:N0} records meet the cone; the first {rows.Count:N0} are listed.")
                : new VoInfo("QUERY_STATUS", "OK", ""));
        }
        else
        {
            infos.Add(new VoInfo("QUERY_STATUS", "OK", "SR=0: the columns, without rows."));
        }
        var stream = new MemoryStream();
        TableExport.WriteVoTable(stream, "results", "Discovery Portal records whose sky footprint meets the cone", columns, rows, infos);
        return TypedResults.File(stream.ToArray(), ResultFormats.MediaType(ResultFormat.VoTable));
    }

    public static FileContentHttpResult Capabilities(PortalUrls urls)
    {
        var stream = new MemoryStream();
        VosiDocuments.WriteCapabilities(stream, urls.For(Path), urls.For(Path + "/capabilities"), urls.For(Path + "/availability"), MaxRecords);
        return TypedResults.File(stream.ToArray(), "text/xml; charset=utf-8");
    }

    public static async Task<FileContentHttpResult> Availability(HealthCheckService health, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(ct);
        var stream = new MemoryStream();
        VosiDocuments.WriteAvailability(stream, report.Status == HealthStatus.Healthy,
            report.Status == HealthStatus.Healthy ? "The catalogue answers." : "The catalogue does not answer.");
        return TypedResults.File(stream.ToArray(), "text/xml; charset=utf-8");
    }

    private static FileContentHttpResult Error(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        var stream = new MemoryStream();
        VoTableWriter.WriteError(stream, message);
        return TypedResults.File(stream.ToArray(), ResultFormats.MediaType(ResultFormat.VoTable));
    }

    private static double? Degrees(IQueryCollection parameters, string name, double min, double max, List<string> problems)
    {
        if (!parameters.TryGetValue(name, out var given) || string.IsNullOrWhiteSpace(given))
        {
            problems.Add($"{name} is required (degrees).");
            return null;
        }
        if (given.Count > 1)
        {
            problems.Add($"{name} is given {given.Count} times; give it once.");
            return null;
        }
        if (!double.TryParse(given.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            problems.Add($"{name}: '{Short(given.ToString())}' is not a number.");
            return null;
        }
        if (value < min || value > max)
        {
            problems.Add($"{name} must be between {min} and {max} degrees.");
            return null;
        }
        return value;
    }

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
