using RobustLab.Web.Components.Experiments;
using RobustLab.Web.Components.Plots;

namespace RobustLab.Tests.Web.Experiments;

// A stored figure goes whole when small; a long one goes as empty traces plus its points, to be appended in chunks.
public sealed class StoredFigureTests
{
    private static ScatterTrace Line(int points) =>
        new() { Name = $"{points}", X = [.. Enumerable.Range(0, points).Select(i => (double)i)], Y = [.. Enumerable.Range(0, points).Select(i => i * 0.5)] };

    [Fact]
    public void A_small_figure_is_sent_whole()
    {
        var figure = new PlotFigure([Line(600), Line(400)], new PlotLayout());
        var (shown, appends) = StoredFigure.Split(figure);
        Assert.Same(figure, shown);
        Assert.Empty(appends);
    }

    [Fact]
    public void A_long_figure_is_sent_as_empty_traces_followed_by_every_point()
    {
        var heatmap = new HeatmapTrace { Z = [[1.0]] };
        var figure = new PlotFigure([Line(900), heatmap, Line(0), Line(200)], new PlotLayout { Title = new PlotTitle("t") });
        var (shown, appends) = StoredFigure.Split(figure);
        Assert.Equal(figure.Layout, shown.Layout);
        Assert.Equal(["900", "0", "200"], shown.Traces.OfType<ScatterTrace>().Select(t => t.Name)); // names, styles and order kept
        Assert.All(shown.Traces.OfType<ScatterTrace>(), t => Assert.Empty(t.X));
        Assert.Same(heatmap, shown.Traces[1]);
        Assert.Equal([0, 3], appends.Select(a => a.Trace)); // empty traces need nothing appended
        Assert.Equal(((ScatterTrace)figure.Traces[0]).Y, appends[0].Y);
        Assert.Equal(200, appends[1].X.Count);
    }
}
