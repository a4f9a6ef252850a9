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
        // The cells are written in percent, and the colour bar reads the same way (not 0–1).
        Assert.Equal("%{z:.1%}", heatmap.TextTemplate);
        Assert.Equal(".0%", heatmap.ColorBar!.TickFormat);
        var rho = Assert.IsType<HeatmapTrace>(Assert.Single(SweepFigures.Matrix(view with { Series = [view.Series[0] with { Measures = PlotMeasures.RhoL2 }] }).Traces));
        Assert.Equal("%{z:.3f}", rho.TextTemplate);
        Assert.Null(rho.ColorBar!.TickFormat); // ρ is no fraction: plain numbers on both
    }

    [Fact]
    public void Twelve_overlaid_series_each_draw_every_measurement_in_a_look_of_its_own()
    {
        var measures = PlotMeasures.CleanAccuracy | PlotMeasures.AdversarialAccuracy | PlotMeasures.RhoL2;
        var view = new PlotView(1, "eps", LpNorm.Linf, [0, 0.1], null, null,
            [.. Enumerable.Range(0, 12).Select(i => Series($"s{i}", i, measures, Point(0, 0, 0.5f, 0.1f)))]);
        var traces = SweepFigures.Lines(view).Traces.Cast<ScatterTrace>().ToArray();
        Assert.Equal(36, traces.Length);
        var looks = traces.Select(t => (t.Line!.Color, t.Line.Dash, t.Marker!.Symbol)).ToArray();
        Assert.Equal(looks.Length, looks.Distinct().Count()); // series 10 shares series 0's colour, not its dashes
        Assert.Equal(traces[0].Line!.Color, traces[30].Line!.Color);
        Assert.NotEqual(traces[0].Line!.Dash, traces[30].Line!.Dash);
        Assert.Equal(traces[0].Marker!.Symbol, traces[30].Marker!.Symbol); // the symbol still names the measurement
        Assert.True(TradeoffsLimits.MaxSeriesOnPlot <= SweepPalette.Distinct);
    }

    [Fact]
    public void Curves_that_coincide_stay_visible_each_under_the_next_one()
    {
        // SReLU α = 5, 10, 100 all keep 100 % accuracy: the same points three times.
        var view = new PlotView(1, "eps", LpNorm.Linf, [0, 0.1], null, null,
            [.. new[] { "α=5", "α=10", "α=100" }.Select((name, i) => Series(name, i, PlotMeasures.AdversarialAccuracy, Point(0, 0, 1f, null), Point(1, 0.1, 1f, null)))]);
        var traces = SweepFigures.Lines(view).Traces.Cast<ScatterTrace>().ToArray();
        Assert.Equal(traces[0].Y, traces[2].Y);
        var sizes = traces.Select(t => t.Marker!.Size!.Value).ToArray();
        var widths = traces.Select(t => t.Line!.Width!.Value).ToArray();
        // plotly draws later traces over earlier ones: each earlier one is wider, so a ring of its colour shows around the next.
        Assert.True(sizes[0] > sizes[1] && sizes[1] > sizes[2], string.Join(", ", sizes));
        Assert.True(widths[0] > widths[1] && widths[1] > widths[2], string.Join(", ", widths));
        Assert.Equal(3, traces.Select(t => t.Line!.Color).Distinct().Count());
        // One series alone keeps the plain look.
        var one = (ScatterTrace)SweepFigures.Lines(view with { Series = [view.Series[0]] }).Traces[0];
        Assert.Equal((7.0, 2.0), (one.Marker!.Size!.Value, one.Line!.Width!.Value));
    }

    [Fact]
    public void A_long_description_is_wrapped_between_its_parts_so_the_title_fits_the_plot()
    {
        string description = string.Join(" · ", Enumerable.Range(1, 12).Select(i => $"part number {i} of a long run"));
        var view = new PlotView(1, "kappa", LpNorm.Linf, [0, 1], null, description, [Series("a", 0, PlotMeasures.AdversarialAccuracy, Point(0, 0, 0.5f, null))]);
        var title = SweepFigures.Lines(view).Layout.Title!.Text;
        Assert.Contains("<br>", title);
        var lines = SweepFigures.Wrap(description);
        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(l.Length <= SweepFigures.TitleWidth + 2, l));
        Assert.Equal(description, string.Join(" ", lines)); // each line but the last ends in its " ·": nothing is lost
        Assert.Equal(["short · title"], SweepFigures.Wrap("short · title"));
    }
}
