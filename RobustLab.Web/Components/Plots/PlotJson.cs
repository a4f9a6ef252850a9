using System.Text.Json;
using System.Text.Json.Serialization;

namespace RobustLab.Web.Components.Plots;

/// <summary>Writes plot records as plotly.js reads them.</summary>
/// <remarks>
/// plotly's attribute names are lower case without separators (<c>hovertemplate</c>, <c>yaxis2</c>,
/// <c>showlegend</c>), so .NET names are lower-cased rather than camel-cased; nulls are left out
/// (plotly then uses its default); NaN and ±∞ are written as null (plotly draws a gap or an empty
/// cell); doubles are written in shortest round-trip form, so hover shows the exact value. The JSON is
/// sent as a string and parsed in the browser, so Blazor's own interop serializer never touches it.
/// </remarks>
public static class PlotJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = new LowerCaseNamingPolicy(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new FiniteDoubleConverter() },
    };

    /// <summary>{"data": [traces], "layout": {…}}.</summary>
    public static string Serialize(PlotFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        // Traces as object: System.Text.Json then writes each record's own properties, not just PlotTrace's.
        return JsonSerializer.Serialize(new { data = figure.Traces.Cast<object>().ToArray(), layout = figure.Layout }, Options);
    }

    /// <summary>{"x": [[…] per trace], "y": [[…] per trace], "indices": […], "maxpoints": n} for Plotly.extendTraces.</summary>
    public static string Serialize(PlotExtension extension) => JsonSerializer.Serialize(extension, Options);

    /// <summary>A Plotly.relayout update: attribute paths (e.g. "xaxis.range", "title.text") to values; keys are written as given.</summary>
    public static string Serialize(IReadOnlyDictionary<string, object?> relayout) => JsonSerializer.Serialize(relayout, Options);

    private sealed class LowerCaseNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }

    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }

        public override bool HandleNull => true;
    }
}
