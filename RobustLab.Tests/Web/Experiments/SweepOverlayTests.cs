using RobustLab.Engine.Attacks;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Components.Experiments;
using RobustLab.Web.Components.Plots;
using RobustLab.Web.Components.Tradeoffs;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Experiments;

// Overlaying stored sweeps: every series of every sweep on one knob axis, named after its experiment; sweeps that
// cannot share an axis are refused with a sentence that says why.
public sealed class SweepOverlayTests
{
    private static SweepPoint Point(string series, int index, double value, float accuracy) =>
        new(series, "kappa", index, value, null, 10, 0.9f, accuracy, null, null, null, null, null, null, null, 0.1, "m", null, "pgd");

    private static PlotView Sweep(string knob, LpNorm norm, double[] values, params string[] series) =>
        new(7, knob, norm, values, null, $"sweep of {knob}",
            [.. series.Select((s, i) => new SweepSeries(s, i, PlotMeasures.AdversarialAccuracy, 1, [.. values.Select((v, j) => Point(s, j, v, 0.1f * (j + 1)))]))]);

    [Fact]
    public void Two_sweeps_of_one_knob_become_one_plot_with_all_their_series()
    {
        var a = new SweepOverlay.Part("#3", Sweep("kappa", LpNorm.Linf, [0, 0.5, 1], "lenet-like"));
        var b = new SweepOverlay.Part("last week", Sweep("kappa", LpNorm.Linf, [0.25, 0.5], "α = 1", "α = 2"));
        Assert.Null(SweepOverlay.Check([a, b]));

        var view = SweepOverlay.Combine([a, b]);
        Assert.Equal("kappa", view.Knob);
        Assert.Equal(["#3 · lenet-like", "last week · α = 1", "last week · α = 2"], view.Series.Select(s => s.Name));
        Assert.Equal([0, 1, 2], view.Series.Select(s => s.Color)); // each series its own colour
        Assert.Equal([0, 0.25, 0.5, 1], view.Values); // the union of the knob values: the axis spans every sweep
        Assert.Equal(7, view.PointCount); // 3 + 2 + 2
        Assert.Equal(a.View.Series[0].Points, view.Series[0].Points); // the points as stored

        var figure = SweepFigures.Lines(view);
        Assert.Equal(3, figure.Traces.Count);
        Assert.Equal([0.25, 0.5], ((ScatterTrace)figure.Traces[1]).X);
    }

    [Fact]
    public void What_every_series_shares_is_said_once_in_the_title_and_the_legend_says_what_differs()
    {
        var a = new SweepOverlay.Part("#4", Sweep("kappa", LpNorm.Linf, [0, 1], "lenet-like · kappa · pgd L∞"));
        var b = new SweepOverlay.Part("#5", Sweep("kappa", LpNorm.Linf, [0, 1], "lenet-like · kappa · pgd L∞ · α = 1", "lenet-like · kappa · pgd L∞ · α = 2"));
        var view = SweepOverlay.Combine([a, b]);
        Assert.Equal(["#4", "#5 · α = 1", "#5 · α = 2"], view.Series.Select(s => s.Name));
        Assert.Equal("Overlay of #4, #5 · lenet-like · kappa · pgd L∞", view.Description);
    }

    [Fact]
    public void Sweeps_that_cannot_share_an_axis_are_refused_with_the_reason()
    {
        var kappa = new SweepOverlay.Part("#1", Sweep("kappa", LpNorm.Linf, [0, 1], "s"));
        Assert.Equal("Pick at least two sweeps to overlay.", SweepOverlay.Check([kappa]));

        var sigma = new SweepOverlay.Part("#2", Sweep("sigma", LpNorm.Linf, [0, 1], "s"));
        Assert.Contains("same knob", SweepOverlay.Check([kappa, sigma]));

        var linf = new SweepOverlay.Part("#3", Sweep("eps", LpNorm.Linf, [0.1], "s"));
        var l2 = new SweepOverlay.Part("#4", Sweep("eps", LpNorm.L2, [1], "s"));
        Assert.Contains("same norm", SweepOverlay.Check([linf, l2]));

        var matrix = new SweepOverlay.Part("#5", Sweep("kappa", LpNorm.Linf, [0, 1], "s") with { SourceValues = [0, 1] });
        Assert.Equal("#5 is a transfer matrix; only curves can be overlaid.", SweepOverlay.Check([kappa, matrix]));

        var many = new SweepOverlay.Part("#6", Sweep("kappa", LpNorm.Linf, [0], [.. Enumerable.Range(0, TradeoffsLimits.MaxSeriesOnPlot).Select(i => $"s{i}")]));
        Assert.Contains($"at most {TradeoffsLimits.MaxSeriesOnPlot}", SweepOverlay.Check([kappa, many]));
        Assert.Throws<ArgumentException>(() => SweepOverlay.Combine([kappa, sigma]));
    }
}
