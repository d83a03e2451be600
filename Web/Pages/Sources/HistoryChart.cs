using System.Globalization;
using System.Text;
using DiscoveryPortal.Indexer.Catalog;

namespace DiscoveryPortal.Web.Pages.Sources;

/// <summary>
/// A small SVG chart of a source's records in search after each run, oldest run on the left; failed
/// runs are marked red. Built on the server so the status page needs no script.
/// </summary>
public static class HistoryChart
{
    public const int Width = 640;
    public const int Height = 160;
    private const int Pad = 28;

    public static string Svg(IReadOnlyList<HarvestRun> newestFirst)
    {
        var runs = newestFirst.Where(r => r.Records is not null).Reverse().ToList();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"history-chart\" id=\"history-chart\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"Records in search after each of the last {runs.Count} runs\">");
        if (runs.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Pad}\" y=\"{Height / 2}\" fill=\"#57606a\">No runs yet.</text></svg>");
            return svg.ToString();
        }
        var max = Math.Max(1, runs.Max(r => r.Records!.Value));
        double X(int i) => runs.Count == 1 ? Width / 2.0 : Pad + (Width - 2.0 * Pad) * i / (runs.Count - 1);
        double Y(long v) => Height - Pad - (Height - 2.0 * Pad) * v / max;
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Pad}\" y1=\"{Height - Pad}\" x2=\"{Width - Pad}\" y2=\"{Height - Pad}\" stroke=\"#d0d7de\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{Pad - 8}\" font-size=\"11\" fill=\"#57606a\">{max:N0} records</text>");
        svg.Append("<polyline fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2\" points=\"");
        svg.AppendJoin(' ', runs.Select((r, i) => string.Create(CultureInfo.InvariantCulture, $"{X(i):F1},{Y(r.Records!.Value):F1}")));
        svg.Append("\"/>");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            var colour = r.Status == "completed" ? "#0b5cad" : "#b42318";
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i):F1}\" cy=\"{Y(r.Records!.Value):F1}\" r=\"4\" fill=\"{colour}\" data-status=\"{r.Status}\" data-records=\"{r.Records}\"><title>{r.StartedAt:yyyy-MM-dd HH:mm} UTC: {r.Status}, {r.Records:N0} records</title></circle>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Pad}\" y=\"{Height - 8}\" font-size=\"11\" fill=\"#57606a\">{runs[0].StartedAt:yyyy-MM-dd}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Pad}\" y=\"{Height - 8}\" font-size=\"11\" fill=\"#57606a\" text-anchor=\"end\">{runs[^1].StartedAt:yyyy-MM-dd HH:mm}</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }
}
