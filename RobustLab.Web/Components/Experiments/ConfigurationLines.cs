using System.Globalization;
using System.Text.Json;
using RobustLab.Web.Services.Experiments;

namespace RobustLab.Web.Components.Experiments;

/// <summary>A stored configuration (sweep settings, training request or Lab settings) as readable lines: "attack" = "pgd",
/// "smoothing.sigma" = "0.25", written with the same JSON names as the export so the two read alike.</summary>
public static class ConfigurationLines
{
    /// <summary>Arrays longer than this (a Lab image's 784 pixels) are summarised by their length.</summary>
    public const int MaxListed = 16;

    /// <summary>One line per setting, in the order the configuration declares them; nested objects as "outer.inner".</summary>
    public static IReadOnlyList<(string Key, string Value)> Of(object? configuration)
    {
        if (configuration is null) return [];
        var element = JsonSerializer.SerializeToElement(configuration, configuration.GetType(), ExperimentJson.Options);
        var lines = new List<(string, string)>();
        Add(lines, "", element);
        return lines;
    }

    private static void Add(List<(string, string)> lines, string key, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                    Add(lines, key.Length == 0 ? property.Name : $"{key}.{property.Name}", property.Value);
                break;
            case JsonValueKind.Array when value.GetArrayLength() > MaxListed:
                lines.Add((key, $"{value.GetArrayLength():N0} values"));
                break;
            case JsonValueKind.Array:
                lines.Add((key, value.GetArrayLength() == 0 ? "none" : string.Join(", ", value.EnumerateArray().Select(Text))));
                break;
            default:
                lines.Add((key, Text(value)));
                break;
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : "—",
        JsonValueKind.Null => "—",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number => value.TryGetDouble(out var d) ? d.ToString("G6", CultureInfo.InvariantCulture) : value.GetRawText(),
        _ => value.GetRawText(),
    };
}
