namespace RobustLab.Web.Components.Plots;

/// <summary>What a <see cref="PlotlyChart"/> shows: plotly's <c>data</c> (the traces) and <c>layout</c>.</summary>
/// <remarks>
/// A typed subset of plotly.js's schema, only what the lab uses (lines with markers, two y axes, heatmaps
/// with values, titles); <see cref="PlotlyFigure"/> turns it into Plotly.Blazor's objects. Send a figure whole
/// when it is small (a few thousand numbers; JS interop messages stay under 32 KB) and stream long series
/// with <see cref="PlotlyChart.AppendPointsAsync"/>.
/// </remarks>
public sealed record PlotFigure(IReadOnlyList<PlotTrace> Traces, PlotLayout Layout)
{
    /// <summary>A figure with no traces.</summary>
    public static PlotFigure Empty { get; } = new([], new PlotLayout());
}
