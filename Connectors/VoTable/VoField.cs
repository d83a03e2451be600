namespace DiscoveryPortal.Connectors.VoTable;

/// <summary>The VOTable primitive types.</summary>
public enum VoDatatype
{
    Boolean,
    Bit,
    UnsignedByte,
    Short,
    Int,
    Long,
    Char,
    UnicodeChar,
    Float,
    Double,
    FloatComplex,
    DoubleComplex,
}

/// <summary>
/// A FIELD (or PARAM) of a table: its type, shape and the sentinel that stands for null.
/// <see cref="ArraySize"/> is the element count per cell (0 when variable), <see cref="IsArray"/> whether
/// a cell holds more than one value (char arrays are read as strings).
/// </summary>
public sealed record VoField(string Name, VoDatatype Datatype, string? ArraySizeText, string? Null, string? Unit, string? Ucd, string? Utype, string? Xtype, string? Id)
{
    /// <summary>Fixed element count per cell, or 0 for variable length ("*" or "n*").</summary>
    public int ArraySize { get; } = FixedCount(ArraySizeText);

    public bool IsVariable => ArraySizeText is not null && ArraySizeText.EndsWith('*');

    public bool IsString => Datatype is VoDatatype.Char or VoDatatype.UnicodeChar;

    /// <summary>True when a cell holds an array of values (strings count as one value).</summary>
    public bool IsArray => ArraySizeText is not null && !IsString ? ArraySizeText != "1" : IsString && ArraySizeText is not null && ArraySizeText.Contains('x', StringComparison.Ordinal);

    private static int FixedCount(string? arraysize)
    {
        if (arraysize is null)
        {
            return 1;
        }
        if (arraysize.EndsWith('*'))
        {
            return 0;
        }
        var count = 1;
        foreach (var dim in arraysize.Split('x'))
        {
            if (!int.TryParse(dim, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                throw new VoTableFormatException($"arraysize '{arraysize}' is not valid");
            }
            count *= n;
        }
        return count;
    }

    public static VoDatatype ParseDatatype(string? datatype) => datatype switch
    {
        "boolean" => VoDatatype.Boolean,
        "bit" => VoDatatype.Bit,
        "unsignedByte" => VoDatatype.UnsignedByte,
        "short" => VoDatatype.Short,
        "int" => VoDatatype.Int,
        "long" => VoDatatype.Long,
        "char" => VoDatatype.Char,
        "unicodeChar" => VoDatatype.UnicodeChar,
        "float" => VoDatatype.Float,
        "double" => VoDatatype.Double,
        "floatComplex" => VoDatatype.FloatComplex,
        "doubleComplex" => VoDatatype.DoubleComplex,
        null => throw new VoTableFormatException("a FIELD has no datatype"),
        _ => throw new VoTableFormatException($"unknown datatype '{datatype}'"),
    };
}
