using RobustLab.Web.Components.Plots;

namespace RobustLab.Tests.Web.Plots;

// Rendered to static HTML (as when prerendering): the chart is an element for plotly to own, with the caller's
// attributes on its wrapper, and no JavaScript is called before the page is interactive.
public sealed class PlotlyChartRenderTests
{
    [Fact]
    public async Task Renders_a_wrapper_with_the_callers_attributes_around_the_plots_element()
    {
        var html = await ComponentRenderer.RenderAsync<PlotlyChart>(new Dictionary<string, object?>
        {
            ["Figure"] = new PlotFigure([new ScatterTrace { X = [1], Y = [2] }], new PlotLayout()),
            ["id"] = "loss-chart",
            ["style"] = "--plot-height: 280px",
        });
        Assert.Matches("^<div class=\"plotly-chart\" id=\"loss-chart\" style=\"--plot-height: 280px\"><div class=\"plotly-chart-plot\"></div></div>$", html.Trim());
    }
}
