namespace RobustLab.Web.Components.Plots;

/// <summary>A line with markers (plotly "scatter"); hovering a point shows its exact x and y.</summary>
public sealed record ScatterTrace : PlotTrace
{
    /// <summary>Hover text: the point's x and y to six significant digits (the trace name is shown beside it).</summary>
    public const string ExactHover = "(%{x:.6~g}, %{y:.6~g})";

    public override string Type => "scatter";

    public IReadOnlyList<double> X { get; init; } = [];

    /// <summary>Non-finite values are written as null: plotly leaves a gap there.</summary>
    public IReadOnlyList<double> Y { get; init; } = [];

    /// <summary>"lines+markers", "lines" or "markers".</summary>
    public string Mode { get; init; } = "lines+markers";

    /// <summary>The y axis to plot against: null for the first, "y2" for <see cref="PlotLayout.YAxis2"/>.</summary>
    public string? YAxis { get; init; }

    public PlotLine? Line { get; init; }

    public PlotMarker? Marker { get; init; }

    /// <summary>plotly hover template; <see cref="ExactHover"/> unless set.</summary>
    public string? HoverTemplate { get; init; } = ExactHover;
}

/// <summary>Line style: a CSS colour, a width in pixels, plotly's dash ("solid", "dash", "dot").</summary>
public sealed record PlotLine(string? Color = null, double? Width = null, string? Dash = null);

/// <summary>Marker style: a CSS colour, a size in pixels, plotly's symbol ("circle", "square", "diamond").</summary>
public sealed record PlotMarker(string? Color = null, double? Size = null, string? Symbol = null);
