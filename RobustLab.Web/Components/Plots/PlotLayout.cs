namespace RobustLab.Web.Components.Plots;

/// <summary>plotly's <c>layout</c>: title, axes (a second y axis on the right when set), legend, hover, margins.</summary>
public sealed record PlotLayout
{
    public PlotTitle? Title { get; init; }

    public PlotAxis? XAxis { get; init; }

    public PlotAxis? YAxis { get; init; }

    /// <summary>A second y axis, for traces with <see cref="ScatterTrace.YAxis"/> = "y2"; see <see cref="PlotAxis.Secondary"/>.</summary>
    public PlotAxis? YAxis2 { get; init; }

    public bool? ShowLegend { get; init; }

    public PlotLegend? Legend { get; init; }

    /// <summary>"closest" (default), "x unified" (one box for every trace at that x), "x", or "false".</summary>
    public string? HoverMode { get; init; } = "closest";

    public PlotMargin? Margin { get; init; } = new(L: 60, R: 60, T: 50, B: 50);

    /// <summary>Height in pixels (null: the container's height).</summary>
    public int? Height { get; init; }

    /// <summary>While this stays the same across updates, plotly keeps the user's zoom and legend choices.</summary>
    public string? UiRevision { get; init; }
}

/// <summary>A title (plotly ≥ 3 takes titles only as objects: <c>{"text": …}</c>).</summary>
public sealed record PlotTitle(string Text);

/// <summary>Margins in pixels.</summary>
public sealed record PlotMargin(int? L = null, int? R = null, int? T = null, int? B = null);

/// <summary>Legend placement: orientation "v" or "h", and its anchor point in paper coordinates.</summary>
public sealed record PlotLegend(string? Orientation = null, double? X = null, double? Y = null);
