using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>One option of a kind on the source form, named <c>kind.option</c> so kinds never share a field.</summary>
public sealed record SourceFormField(string Kind, string Name, string Label, string? Placeholder, Type Type)
{
    public string InputName => $"{Kind}.{Name}";

    public string InputId => $"{Kind}-{Name}";

    public bool IsCheckbox => Type == typeof(bool);

    /// <summary>Lists are written comma-separated on the form.</summary>
    public bool IsList => Type.IsGenericType && Type.GetGenericTypeDefinition() == typeof(List<>);

    internal static IReadOnlyList<SourceFormField> Of(SourceKind kind) =>
        kind.OptionsType.GetProperties()
            .Select(p => (Property: p, Field: (FormFieldAttribute?)Attribute.GetCustomAttribute(p, typeof(FormFieldAttribute))))
            .Where(p => p.Field is not null)
            .Select(p => new SourceFormField(kind.Name, JsonNamingPolicy.CamelCase.ConvertName(p.Property.Name), p.Field!.Label, p.Field.Placeholder, p.Property.PropertyType))
            .ToList();
}

/// <summary>Turns the source form's text fields into a kind's options, as the API's JSON would give them.</summary>
public static class SourceForm
{
    /// <summary>
    /// The options of <paramref name="kind"/> from the form's values (looked up by input name); blank fields keep
    /// the kind's defaults, and a value of the wrong form is named in <paramref name="problems"/>.
    /// </summary>
    public static SourceOptions Bind(SourceKind kind, Func<string, string?> value, List<string> problems)
    {
        var json = new JsonObject();
        foreach (var field in kind.FormFields)
        {
            var text = value(field.InputName)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }
            var type = Nullable.GetUnderlyingType(field.Type) ?? field.Type;
            if (type == typeof(bool))
            {
                json[field.Name] = text is "on" or "true";
            }
            else if (type == typeof(string))
            {
                json[field.Name] = text;
            }
            else if (field.IsList)
            {
                var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var numbers = field.Type.GetGenericArguments()[0] == typeof(double);
                var array = new JsonArray();
                foreach (var part in parts)
                {
                    if (!numbers)
                    {
                        array.Add(part);
                    }
                    else if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    {
                        array.Add(d);
                    }
                    else
                    {
                        problems.Add($"{field.Label}: '{text}' is not a comma-separated list of numbers");
                        break;
                    }
                }
                json[field.Name] = array;
            }
            else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && (type != typeof(int) || (number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue)))
            {
                json[field.Name] = type == typeof(int) ? JsonValue.Create((int)number) : JsonValue.Create(number);
            }
            else
            {
                problems.Add($"{field.Label}: '{text}' is not a {(type == typeof(int) ? "whole number" : "number")}");
            }
        }
        return (SourceOptions)json.Deserialize(kind.OptionsType, SourceJson.Options)!;
    }
}
