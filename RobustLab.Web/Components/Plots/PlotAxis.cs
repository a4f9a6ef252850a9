namespace RobustLab.Web.Components.Plots;

/// <summary>One axis of a <see cref="PlotLayout"/>.</summary>
public sealed record PlotAxis
{
    public PlotTitle? Title { get; init; }

    /// <summary>"linear", "log" or "category" (null: plotly guesses from the data).</summary>
    public string? Type { get; init; }

    /// <summary>Fixed [min, max] (null: fit the data).</summary>
    public IReadOnlyList<double>? Range { get; init; }

    /// <summary>"tozero" keeps zero in view, "nonnegative" never goes below it.</summary>
    public string? RangeMode { get; init; }

    /// <summary>d3 format of tick labels, e.g. ".0%" for accuracies.</summary>
    public string? TickFormat { get; init; }

    /// <summary>"auto" (plotly picks; plotly.js 3's default), or "sync" (a second axis's ticks line up with the first's grid: plotly 4's default for overlaying axes).</summary>
    public string? TickMode { get; init; }

    /// <summary>"left" or "right".</summary>
    public string? Side { get; init; }

    /// <summary>Draw on top of another axis ("y" for a second y axis).</summary>
    public string? Overlaying { get; init; }

    public bool? ShowGrid { get; init; }

    public bool? ZeroLine { get; init; }

    /// <summary>Grow the margin so tick labels and the title fit.</summary>
    public bool? AutoMargin { get; init; } = true;

    /// <summary>An axis with this title.</summary>
    public static PlotAxis Titled(string title) => new() { Title = new PlotTitle(title) };

    /// <summary>A second y axis on the right, over the first.</summary>
    public static PlotAxis Secondary(string title) => new() { Title = new PlotTitle(title), Overlaying = "y", Side = "right", ShowGrid = false };
}
