using DiscoveryPortal.Indexer.Analysis;
using Microsoft.Data.Sqlite;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>The statements that keep the FTS5 table <c>asset_text</c> in step with a row of <c>assets</c>.</summary>
internal static class AssetText
{
    private const string Columns = "t_title, t_keywords, t_mission, t_instrument, t_author, t_description, t_doi";

    public static string[] InsertParameters { get; } = ["rowid", .. Columns.Split(", ")];

    /// <summary>Removes a live row's text; run it before the row changes, since FTS5 needs the old values.</summary>
    public const string RemoveSql =
        $"INSERT INTO asset_text(asset_text, rowid, {Columns}) SELECT 'delete', ordinal, {Columns} FROM assets WHERE id = $id AND withdrawn_at IS NULL";

    /// <summary>Adds a row's text from bound values (reading it back from assets would cost twice as much).</summary>
    public const string InsertSql =
        $"INSERT INTO asset_text(rowid, {Columns}) VALUES ($rowid, $t_title, $t_keywords, $t_mission, $t_instrument, $t_author, $t_description, $t_doi)";

    public static void Bind(SqliteCommand command, long ordinal, SearchDocument doc)
    {
        var p = command.Parameters;
        p["$rowid"].SqliteType = SqliteType.Integer;
        p["$rowid"].Value = ordinal;
        p["$t_title"].Value = doc.Title;
        p["$t_keywords"].Value = doc.Keywords;
        p["$t_mission"].Value = doc.MissionText;
        p["$t_instrument"].Value = doc.InstrumentText;
        p["$t_author"].Value = doc.Authors;
        p["$t_description"].Value = doc.Description;
        p["$t_doi"].Value = doc.Doi;
    }
}
