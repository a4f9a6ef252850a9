using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Services.Experiments;

/// <summary>How experiments are written as JSON, in the database and in exported files: snake_case, enums by name, strict on reading.</summary>
/// <remarks>
/// Only settable properties are written (a page's derived properties such as <see cref="TradeoffsState.SweptKnob"/> are
/// not settings), and the two list views of <see cref="TradeoffsState"/> are left out: they mirror plain fields.
/// Reading refuses unknown members and numbers given as strings, so an import says exactly which field is wrong.
/// </remarks>
public static class ExperimentJson
{
    private static readonly HashSet<string> Mirrors = [nameof(TradeoffsState.MeasureList), nameof(TradeoffsState.SeriesValueList)];

    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same, indented (exports).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>Parsing limits of an imported document: nesting deeper than this is refused.</summary>
    public const int MaxDepth = 32;

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = indented,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = MaxDepth,
            RespectRequiredConstructorParameters = true, // a member missing from a file is named, not defaulted
            RespectNullableAnnotations = true,           // null where the type says "never null" is refused
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SettingsOnly } },
        };
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    // Keeps settable properties (and constructor parameters of positional records); drops computed ones and mirrors.
    private static void SettingsOnly(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        var parameters = info.Type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (int i = info.Properties.Count - 1; i >= 0; i--)
        {
            var property = info.Properties[i];
            var clr = (property.AttributeProvider as System.Reflection.PropertyInfo)?.Name;
            bool mirror = info.Type == typeof(TradeoffsState) && clr is not null && Mirrors.Contains(clr);
            if (mirror || (property.Set is null && (clr is null || !parameters.Contains(clr)))) info.Properties.RemoveAt(i);
        }
    }
}
