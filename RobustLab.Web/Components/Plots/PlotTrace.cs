using System.Text.Json.Serialization;

namespace RobustLab.Web.Components.Plots;

/// <summary>One plotly trace; the concrete records are <see cref="ScatterTrace"/> and <see cref="HeatmapTrace"/>.</summary>
public abstract record PlotTrace
{
    /// <summary>plotly's trace type ("scatter", "heatmap").</summary>
    [JsonPropertyOrder(-2)]
    public abstract string Type { get; }

    /// <summary>Legend entry and hover label.</summary>
    [JsonPropertyOrder(-1)]
    public string? Name { get; init; }

    /// <summary>Whether the trace is listed in the legend (plotly's default: when there is more than one trace).</summary>
    public bool? ShowLegend { get; init; }
}
