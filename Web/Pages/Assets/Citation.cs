using System.Globalization;
using System.Text;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Web.Pages.Assets;

/// <summary>
/// How to cite a record that has a DOI, from its DOI metadata as the catalogue holds it (creators, title,
/// publication year, publisher, identifier), in the DataCite order, as text and as BibTeX.
/// </summary>
public sealed record Citation(string Text, string BibTeX)
{
    public static Citation? Of(AssetRecord record)
    {
        if (record.Doi is not { } doi)
        {
            return null;
        }
        var year = (record.Published ?? record.Time?.Start)?.Year.ToString(CultureInfo.InvariantCulture);
        var publisher = record.Mission is null ? record.SourceId : $"{record.Mission} ({record.SourceId})";
        var url = "https://doi.org/" + doi;
        var authors = record.Authors.Select(a => a.Name).ToList();

        var text = new StringBuilder();
        if (authors.Count > 0)
        {
            text.Append(string.Join("; ", authors)).Append(' ');
        }
        text.Append('(').Append(year ?? "n.d.").Append("). ").Append(record.Title.TrimEnd('.')).Append(". ").Append(publisher).Append(". ").Append(url);

        var key = new string((Family(authors.FirstOrDefault()) ?? record.Mission ?? "record").Where(char.IsAsciiLetterOrDigit).ToArray()) + (year ?? "");
        var bib = new StringBuilder();
        bib.Append("@misc{").Append(key).Append(",\n");
        if (authors.Count > 0)
        {
            bib.Append("  author = {").Append(string.Join(" and ", authors.Select(Escape))).Append("},\n");
        }
        bib.Append("  title = {{").Append(Escape(record.Title)).Append("}},\n");
        if (year is not null)
        {
            bib.Append("  year = {").Append(year).Append("},\n");
        }
        bib.Append("  publisher = {").Append(Escape(publisher)).Append("},\n");
        bib.Append("  doi = {").Append(Escape(doi)).Append("},\n");
        bib.Append("  url = {").Append(url).Append("}\n}");
        return new Citation(text.ToString(), bib.ToString());
    }

    // "Family, Given" or "Given Family".
    private static string? Family(string? name) =>
        name is null ? null : name.Contains(',', StringComparison.Ordinal) ? name.Split(',')[0].Trim() : name.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();

    // BibTeX's special characters, so a title or name cannot end a field early.
    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' => @"\{",
                '}' => @"\}",
                '%' or '&' or '#' or '_' or '$' => "\\" + c,
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
