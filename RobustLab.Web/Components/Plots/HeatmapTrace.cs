namespace RobustLab.Web.Components.Plots;

/// <summary>A matrix of values as coloured cells with each value written in its cell (plotly "heatmap").</summary>
/// <remarks>Z[row][column]: row r is drawn at Y[r], column c at X[c]; the first row is at the bottom unless the y axis is reversed.</remarks>
public sealed record HeatmapTrace : PlotTrace
{
    public override string Type => "heatmap";

    /// <summary>Cell values by row; non-finite values are written as null (an empty cell).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Z { get; init; } = [];

    /// <summary>Column labels.</summary>
    public IReadOnlyList<string>? X { get; init; }

    /// <summary>Row labels.</summary>
    public IReadOnlyList<string>? Y { get; init; }

    /// <summary>Text drawn in each cell; the value to two decimals unless set (null: no text).</summary>
    public string? TextTemplate { get; init; } = "%{z:.2f}";

    /// <summary>A plotly colour scale name, e.g. "Reds" (magnitudes) or "RdBu" (signed values).</summary>
    public string? Colorscale { get; init; }

    /// <summary>Reverse the scale (plotly's "Reds" runs dark to light; reversed, larger values are darker).</summary>
    public bool? ReverseScale { get; init; }

    public double? ZMin { get; init; }

    public double? ZMax { get; init; }

    /// <summary>Centre of a diverging scale (0 for signed perturbations).</summary>
    public double? ZMid { get; init; }

    public PlotColorBar? ColorBar { get; init; }

    public string? HoverTemplate { get; init; } = "%{y} → %{x}: %{z:.6~g}<extra></extra>";
}

/// <summary>The heatmap's colour bar: its title, and the d3 format of its tick labels (".0%" when the cells show percentages).</summary>
public sealed record PlotColorBar(PlotTitle? Title = null, string? TickFormat = null);
