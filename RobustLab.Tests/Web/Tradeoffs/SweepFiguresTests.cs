using RobustLab.Engine.Attacks;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Components.Plots;
using RobustLab.Web.Components.Tradeoffs;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

// The plots built from a session's view: curves per series and measurement on the right axes, and the transfer heatmap.
public sealed class SweepFiguresTests
{
    private static SweepPoint Point(int index, double value, float? adversarial, float? rho, double? source = null) =>
        new("s", "kappa", index, value, source, 10, 0.9f, adversarial, null, null, rho, rho, null, null, null, 0.1, "m", null, "pgd");

    private static SweepSeries Series(string name, int color, PlotMeasures measures, params SweepPoint[] points) => new(name, color, measures, 1, points);

    [Fact]
    public void Curves_put_rates_on_the_left_axis_and_perturbations_on_the_right()
    {
        var view = new PlotView(3, "kappa", LpNorm.Linf, [0, 0.5, 1], null, "lenet-like · kappa",
        [
            Series("a", 0, PlotMeasures.AdversarialAccuracy | PlotMeasures.RhoL2, Point(0, 0, 0.5f, 0.2f), Point(1, 0.5, 0.6f, null)),
            Series("b", 1, PlotMeasures.CleanAccuracy, Point(0, 0, 0.7f, 0.1f)),
        ]);
        var figure = SweepFigures.Lines(view);
        var traces = figure.Traces.Cast<ScatterTrace>().ToArray();
        Assert.Equal(["a · adversarial accuracy", "a · ρ₂ (mean ‖δ‖₂/‖x‖₂)", "b · clean accuracy"], traces.Select(t => t.Name));
        Assert.Equal([null, "y2", null], traces.Select(t => t.YAxis));
        Assert.Equal([0, 0.5], traces[0].X);
        Assert.Equal(0.2f, traces[1].Y[0]);
        Assert.True(double.IsNaN(traces[1].Y[1])); // no example turned: a gap, not a zero
        Assert.Equal(["#1f77b4", "#1f77b4", "#ff7f0e"], traces.Select(t => t.Line!.Color)); // one colour per series
        Assert.Equal(["solid", "dash", "dot"], traces.Select(t => t.Line!.Dash)); // one dash per measurement
        Assert.Equal(".0%", figure.Layout.YAxis!.TickFormat);
        Assert.Equal("auto", figure.Layout.YAxis2!.TickMode);
        Assert.Equal("JumpReLU jump κ", figure.Layout.XAxis!.Title!.Text);
        Assert.Equal([-0.04, 1.04], figure.Layout.XAxis.Range!.Select(v => Math.Round(v, 9)));
        Assert.Equal("lines-3", figure.Layout.UiRevision);
        Assert.Equal([new SweepFigures.Curve(0, PlotMeasure.Of(PlotMeasures.AdversarialAccuracy)), new SweepFigures.Curve(0, PlotMeasure.Of(PlotMeasures.RhoL2)), new SweepFigures.Curve(1, PlotMeasure.Of(PlotMeasures.CleanAccuracy))],
            SweepFigures.Curves(view));

        // Perturbations alone go on the left axis; iterations over two decades on a log axis.
        var rhoOnly = SweepFigures.Lines(view with { Knob = "iterations", Values = [1, 10, 100], Series = [Series("a", 0, PlotMeasures.RhoL2, Point(0, 1, 0.5f, 0.2f))] });
        Assert.Null(((ScatterTrace)rhoOnly.Traces[0]).YAxis);
        Assert.Null(rhoOnly.Layout.YAxis2);
        Assert.Equal("log", rhoOnly.Layout.XAxis!.Type);
    }

    [Fact]
    public void An_empty_plot_has_an_accuracy_axis_and_names_no_knob()
    {
        var empty = SweepFigures.Lines(PlotView.Empty);
        Assert.Empty(empty.Traces);
        Assert.Null(empty.Layout.XAxis!.Title);
        Assert.Equal("accuracy", empty.Layout.YAxis!.Title!.Text);
        Assert.Null(empty.Layout.YAxis2);
    }

    [Fact]
    public void A_matrix_fills_each_cell_from_its_point_and_leaves_the_others_blank()
    {
        var view = new PlotView(1, "kappa", LpNorm.Linf, [0, 1, 2], [0, 1], null,
            [Series("m", 0, PlotMeasures.CleanAccuracy | PlotMeasures.AdversarialAccuracy, Point(0, 0, 0.1f, null, 0), Point(1, 1, 0.2f, null, 0), Point(3, 0, 0.4f, null, 1))]);
        var heatmap = Assert.IsType<HeatmapTrace>(Assert.Single(SweepFigures.Matrix(view).Traces));
        Assert.Equal("adversarial accuracy", heatmap.Name);
        Assert.Equal(["0", "1", "2"], heatmap.X!);
        Assert.Equal(["0", "1"], heatmap.Y!);
        Assert.Equal(0.1f, heatmap.Z[0][0]);
        Assert.Equal(0.2f, heatmap.Z[0][1]);
        Assert.True(double.IsNaN(heatmap.Z[0][2]));
        Assert.Equal(0.4f, heatmap.Z[1][0]);
        Assert.True(double.IsNaN(heatmap.Z[1][1]));
        Assert.Equal((0.0, 1.0), (heatmap.ZMin!.Value, heatmap.ZMax!.Value));
    }
}
