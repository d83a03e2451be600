using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Indexer.Export;

/// <summary>
/// One column of an exported table: how it is declared in a VOTable (name, datatype, UCD, unit, xtype) and
/// how a row's value is read. The same name heads the CSV column and the VOTable FIELD.
/// </summary>
public sealed record TableColumn<T>(VoColumn Meta, Func<T, object?> Value)
{
    public string Name => Meta.Name;

    /// <summary>The same column over rows that hold a <typeparamref name="T"/>.</summary>
    public TableColumn<TRow> Over<TRow>(Func<TRow, T> part) => new(Meta, row => Value(part(row)));

    /// <summary>The same column under another UCD, as a protocol with its own vocabulary asks.</summary>
    public TableColumn<T> WithUcd(string ucd) => this with { Meta = Meta with { Ucd = ucd } };
}
