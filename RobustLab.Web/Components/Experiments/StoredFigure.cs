using RobustLab.Web.Components.Plots;

namespace RobustLab.Web.Components.Experiments;

/// <summary>A stored figure cut for sending: small ones go whole; long curves (a long training run has tens of thousands of
/// points) go as empty traces followed by their points, which <see cref="PlotlyChart.AppendPointsAsync"/> sends in chunks —
/// as PlotFigure asks, so that no interop message grows with the data.</summary>
public static class StoredFigure
{
    /// <summary>Points a figure may carry whole: 2,000 numbers, a few tens of KB of JSON.</summary>
    public const int MaxInlinePoints = 1000;

    /// <summary>Points to append to trace <paramref name="Trace"/> after the figure is drawn.</summary>
    public sealed record Points(int Trace, IReadOnlyList<double> X, IReadOnlyList<double> Y);

    /// <summary>The figure to draw first and the points to append after it (none when the figure is small enough).</summary>
    public static (PlotFigure Figure, IReadOnlyList<Points> Appends) Split(PlotFigure figure, int maxInlinePoints = MaxInlinePoints)
    {
        ArgumentNullException.ThrowIfNull(figure);
        int total = figure.Traces.OfType<ScatterTrace>().Sum(t => t.X.Count);
        if (total <= maxInlinePoints) return (figure, []);
        var appends = figure.Traces
            .Select((t, i) => t is ScatterTrace { X.Count: > 0 } s ? new Points(i, s.X, s.Y) : null)
            .OfType<Points>()
            .ToArray();
        var empty = figure with { Traces = [.. figure.Traces.Select(t => t is ScatterTrace s ? s with { X = [], Y = [] } : t)] };
        return (empty, appends);
    }
}
