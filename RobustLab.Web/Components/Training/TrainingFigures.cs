using RobustLab.Web.Components.Plots;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Components.Training;

/// <summary>The training curves as a plotly figure: loss (left axis) and training/test accuracy (right axis) against epochs.
/// The live Train page starts from <see cref="Empty"/> and streams points into it; a stored run is drawn whole by <see cref="Curves"/>.</summary>
public static class TrainingFigures
{
    /// <summary>The three curves with no points yet (trace order: training loss, training accuracy, test accuracy).</summary>
    public static PlotFigure Empty() => Curves([], []);

    /// <summary>The three curves with every point given.</summary>
    public static PlotFigure Curves(IReadOnlyList<TrainingPoint> points, IReadOnlyList<EpochPoint> epochs)
    {
        var tested = epochs.Where(e => e.TestAccuracy is not null).ToArray();
        return new PlotFigure(
        [
            new ScatterTrace { Name = "training loss", Mode = "lines", Line = new PlotLine("#1f77b4", 2),
                X = [.. points.Select(p => p.Epoch)], Y = [.. points.Select(p => p.Loss)] },
            new ScatterTrace { Name = "training accuracy", Mode = "lines", YAxis = "y2", Line = new PlotLine("#ff7f0e", 2),
                X = [.. points.Select(p => p.Epoch)], Y = [.. points.Select(p => p.Accuracy)] },
            new ScatterTrace { Name = "test accuracy (end of epoch)", Mode = "lines+markers", YAxis = "y2", Line = new PlotLine("#2ca02c", 2, "dot"), Marker = new PlotMarker("#2ca02c", 9),
                X = [.. tested.Select(e => (double)e.Epoch)], Y = [.. tested.Select(e => e.TestAccuracy!.Value)] },
        ],
        new PlotLayout
        {
            Title = new PlotTitle("Training curves"),
            XAxis = PlotAxis.Titled("epoch") with { RangeMode = "tozero" },
            YAxis = PlotAxis.Titled("cross-entropy loss") with { RangeMode = "tozero" },
            // NOTE: tick mode "auto", said explicitly: plotly 4 (not the 3.7 of Plotly.Blazor) syncs a second axis's ticks with the first's grid by default, which puts accuracy ticks at 41 %, 61 %, …
            YAxis2 = PlotAxis.Secondary("accuracy") with { Range = [0, 1], TickFormat = ".0%", TickMode = "auto" },
            Legend = new PlotLegend("h", 0, -0.3),
            Margin = new PlotMargin(L: 60, R: 60, T: 50, B: 90),
            HoverMode = "x unified",
            UiRevision = "training",
        });
    }
}
